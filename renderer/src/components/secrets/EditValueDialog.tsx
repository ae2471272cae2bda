import { useState } from 'react';
import { secretValueProblem, type SecretMeta } from '../../../../shared/model/secret';
import { describeSource } from '../../../../shared/model/source';
import { bridge } from '../../bridge/instance';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useEnvironments, useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { ChoiceGroup } from '../common/ChoiceGroup';
import { Field } from '../common/Field';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { SecretValueField } from '../common/SecretValueField';
import { draftOf, EMPTY_SOURCE, SourceFields, sourceOf } from './SourceFields';

type Mode = 'stored' | 'linked';

const MODES = [
  { value: 'stored', label: 'Stored value', description: 'Encrypted on this device (and for the team), write-only.' },
  { value: 'linked', label: 'Linked', description: 'Read from KeePassXC, pass, an environment variable, 1Password or Vault when a run needs it.' },
] as const;

/** Edit value: which environment, then a new stored value or a link — the current value is never shown. */
export function EditValueDialog({ secret, onClose, returnFocusTo }: DialogProps & { secret: SecretMeta }) {
  const updateValue = useSecrets((state) => state.updateValue);
  const link = useSecrets((state) => state.link);
  const clearValue = useSecrets((state) => state.clearValue);
  const environments = useEnvironments((state) => state.environments);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const value = useTextField(submission, 'value', '', secretValueProblem);
  const [environmentId, setEnvironmentId] = useState(environments[0]?.id ?? 'default');
  const entry = secret.values.find((item) => item.environmentId === environmentId);
  const [mode, setMode] = useState<Mode>(entry?.source ? 'linked' : 'stored');
  const [draft, setDraft] = useState(entry?.source ? draftOf(entry.source) : EMPTY_SOURCE);
  const environmentName = environments.find((item) => item.id === environmentId)?.name ?? 'this environment';
  const made = sourceOf(draft);

  function chooseEnvironment(id: string) {
    setEnvironmentId(id);
    const next = secret.values.find((item) => item.environmentId === id);
    setMode(next?.source ? 'linked' : 'stored');
    setDraft(next?.source ? draftOf(next.source) : EMPTY_SOURCE);
    submission.clearError();
  }

  const current = !entry
    ? `No value in ${environmentName} yet: runs there stop before sending until it has one.`
    : entry.source
      ? `In ${environmentName}: linked to ${describeSource(entry.source)} (version ${entry.valueVersion}).`
      : `In ${environmentName}: stored value, version ${entry.valueVersion}. Saving makes version ${entry.valueVersion + 1}.`;

  return (
    <FormDialog
      title="Edit Value"
      description={`The current value of "${secret.name}" can't be shown — it can only be replaced. Workflows use the new value from their next run.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={mode === 'stored' ? !value.problem : 'source' in made}
      fields={['value', 'source', 'environmentId']}
      submitLabel={mode === 'stored' ? 'Save new value' : 'Save link'}
      wide={mode === 'linked'}
      startAction={
        entry ? (
          <button
            type="button"
            className="button button-ghost"
            onClick={() =>
              void clearValue(secret.id, environmentId).then(
                () => {
                  announce(`“${secret.name}” has no value in ${environmentName} now`);
                  onClose();
                },
                (error: unknown) => submission.fail(error),
              )
            }
          >
            Remove value in {environmentName}
          </button>
        ) : undefined
      }
      onSubmit={async () => {
        if (mode === 'stored') {
          const updated = await updateValue(secret.id, value.value, environmentId);
          value.clear();
          const version = updated.values.find((item) => item.environmentId === environmentId)?.valueVersion;
          announce(`New value saved for “${updated.name}” in ${environmentName}: now version ${version}`);
        } else if ('source' in made) {
          await link(secret.id, made.source, environmentId);
          announce(`“${secret.name}” in ${environmentName} now reads its value from ${describeSource(made.source)}`);
        }
        onClose();
      }}
    >
      {environments.length > 1 && (
        <Field label="Environment" hint="Each environment has its own value." error={submission.errorFor('environmentId')} alert>
          {(control) => (
            <select {...control} className="input select" value={environmentId} onChange={(event) => chooseEnvironment(event.target.value)}>
              {environments.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                  {secret.values.some((existing) => existing.environmentId === item.id) ? '' : ' (no value)'}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <p className="note">{current}</p>
      <ChoiceGroup<Mode> legend="Value" value={mode} choices={MODES} onChange={setMode} />
      {mode === 'stored' ? (
        <SecretValueField label="New value" field={value} />
      ) : (
        <SourceFields draft={draft} onChange={setDraft} onTest={(source) => bridge['sources.test']({ source, visibility: secret.visibility })} />
      )}
    </FormDialog>
  );
}
