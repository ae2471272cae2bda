import { useState } from 'react';
import { SECRET_DESCRIPTION_MAX, SECRET_TYPES, secretNameProblem, secretValueProblem, type SecretMeta, type SecretType } from '../../../../shared/model/secret';
import type { Visibility } from '../../../../shared/model/team';
import { useIsTeamWorkspace } from '../../hooks/use-rights';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { EXPIRY_HINT, expiryOf, ROTATION_HINT, rotationDaysOf, useRotationFields } from './rotation-fields';
import { useEnvironments, useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { accessOfDraft, TEAM_DRAFT } from '../../store/secret-access';
import { ChoiceGroup } from '../common/ChoiceGroup';
import { Field } from '../common/Field';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';
import { SwitchField } from '../common/SwitchField';
import { SecretValueField } from '../common/SecretValueField';
import { AccessEditor } from './AccessEditor';
import { ALLOWED_DOMAINS_HINT, domainListProblem, parseDomainList } from './domain-list';
import { SECRET_TYPE_LABELS, typeInText } from './secret-types';
import { fieldPhrase } from '../../format/field-phrase';
import { bridge } from '../../bridge/instance';
import { EMPTY_SOURCE, SourceFields, sourceOf } from './SourceFields';

/** The workflow field a key is created from (its + menu): the new key goes into it. */
export interface KeyForField {
  fieldLabel: string;
  /** What was typed in the picker's search: the name to start from. */
  name?: string;
  /** The type the field takes: preselected, and the only choice in an integration's credential field. */
  type: SecretType;
  onCreated(secret: SecretMeta): void;
}

interface Props extends DialogProps {
  /** None when opened from Manage Secret Keys. */
  forField?: KeyForField;
}

const FIELDS = ['name', 'value', 'source', 'environmentId', 'type', 'access', 'visibility', 'readableByRunCode', 'allowedDomains', 'description', 'expiresAt', 'rotationDays'];

const MODES = [
  { value: 'stored', label: 'Stored value', description: 'Typed or pasted here, encrypted, never shown again.' },
  {
    value: 'linked',
    label: 'Linked',
    description: 'Read when a run needs it from KeePassXC, pass, an environment variable, 1Password or Vault; Keyflow keeps only where to find it.',
  },
] as const;

const VISIBILITY_CHOICES = [
  { value: 'masked', label: 'Masked', description: 'Lists show the last 4 characters (of values 16 characters or longer), so keys can be told apart.' },
  { value: 'hidden', label: 'Hidden', description: 'Nothing of the value is ever shown.' },
] as const;

function typeHint(forField: KeyForField | undefined, type: SecretType): string {
  if (!forField) return 'Integration keys (SendGrid, Slack, Mailgun) are offered only in their integration’s credential field; generic keys everywhere else.';
  const takes = typeInText(forField.type);
  const field = fieldPhrase(forField.fieldLabel);
  const Field = field.charAt(0).toUpperCase() + field.slice(1);
  if (forField.type !== 'generic') return `${Field} takes only ${takes} keys.`;
  if (type === forField.type) return `${Field} takes ${takes} keys.`;
  return `${Field} takes only ${takes} keys: a ${SECRET_TYPE_LABELS[type]} key won’t be inserted there.`;
}

/**
 * Create Secret Key, from Manage Secret Keys or from a workflow field: name, masked
 * value, type, access (team workspaces), visibility, allowed domains and description.
 * The value is sent once and never shown again.
 */
export function CreateSecretDialog({ forField, onClose, returnFocusTo }: Props) {
  const create = useSecrets((state) => state.create);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const name = useTextField(submission, 'name', forField?.name ?? '', secretNameProblem);
  const value = useTextField(submission, 'value', '', secretValueProblem);
  const domains = useTextField(submission, 'allowedDomains', '', domainListProblem);
  const description = useTextField(submission, 'description', '');
  const rotation = useRotationFields(submission);
  const [type, setType] = useState<SecretType>(forField?.type ?? 'generic');
  const typeFixed = forField !== undefined && forField.type !== 'generic';
  const team = useIsTeamWorkspace();
  const [access, setAccess] = useState(TEAM_DRAFT);
  const [visibility, setVisibility] = useState<Visibility>('masked');
  const [readableByRunCode, setReadableByRunCode] = useState(false);
  const environments = useEnvironments((state) => state.environments);
  const [environmentId, setEnvironmentId] = useState(environments[0]?.id);
  const [mode, setMode] = useState<'stored' | 'linked'>('stored');
  const [draft, setDraft] = useState(EMPTY_SOURCE);
  const made = sourceOf(draft);

  return (
    <FormDialog
      title="Create Secret Key"
      description={
        forField
          ? `Store an API key, token or password. Keyflow encrypts it on this device and inserts it into ${fieldPhrase(forField.fieldLabel)}.`
          : 'Store an API key, token or password. Keyflow encrypts it on this device; workflows use it by name.'
      }
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!name.problem && (mode === 'stored' ? !value.problem : 'source' in made) && !domains.problem && !rotation.expires.problem && !rotation.days.problem}
      fields={FIELDS}
      submitLabel="Create Secret Key"
      wide={team || mode === 'linked'}
      onSubmit={async () => {
        const created = await create({
          name: name.value,
          ...(mode === 'stored' ? { value: value.value } : 'source' in made ? { source: made.source } : {}),
          environmentId,
          type,
          allowedDomains: parseDomainList(domains.value).domains,
          description: description.value.trim() || undefined,
          ...(team ? { access: accessOfDraft(access) } : {}),
          visibility,
          readableByRunCode,
          expiresAt: expiryOf(rotation.expires.value),
          rotationDays: rotationDaysOf(rotation.days.value),
        });
        value.clear();
        announce(`Secret key “${created.name}” created`);
        onClose();
        forField?.onCreated(created);
      }}
    >
      <InputField label="Name" hint="For example “Stripe API key”. Unique in this workspace." field={name} />
      {environments.length > 1 && (
        <Field label="Environment" hint="Where this value goes; give it values in the others with Edit value." error={submission.errorFor('environmentId')} alert>
          {(control) => (
            <select {...control} className="input select" value={environmentId} onChange={(event) => setEnvironmentId(event.target.value)}>
              {environments.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <ChoiceGroup<'stored' | 'linked'> legend="Value" value={mode} choices={MODES} onChange={setMode} />
      {mode === 'stored' ? (
        <SecretValueField label="Value" field={value} />
      ) : (
        <SourceFields draft={draft} onChange={setDraft} onTest={(source) => bridge['sources.test']({ source, visibility })} />
      )}
      <Field label="Type" hint={typeHint(forField, type)} error={submission.errorFor('type')} alert>
        {(control) => (
          <select {...control} className="input select" value={type} disabled={typeFixed} onChange={(event) => setType(event.target.value as SecretType)}>
            {SECRET_TYPES.map((option) => (
              <option key={option} value={option}>
                {SECRET_TYPE_LABELS[option]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {team && (
        <AccessEditor
          value={access}
          onChange={(next) => {
            setAccess(next);
            submission.clearError();
          }}
          error={submission.errorFor('access')}
        />
      )}
      <ChoiceGroup<Visibility>
        legend="Visibility"
        hint="Can't be changed after the key is created."
        value={visibility}
        choices={VISIBILITY_CHOICES}
        onChange={setVisibility}
        error={submission.errorFor('visibility')}
      />
      <SwitchField
        label="Readable by Run Code"
        hint="Lets Run Code variables hold the value. Code can turn a value into anything, so leave this off unless a script must read the key; Send API Request fields can always use it."
        checked={readableByRunCode}
        onChange={setReadableByRunCode}
        error={submission.errorFor('readableByRunCode')}
      />
      <InputField label="Allowed domains" hint={`Optional. ${ALLOWED_DOMAINS_HINT}`} field={domains} rows={2} mono />
      <InputField label="Expires on" hint={EXPIRY_HINT} field={rotation.expires} mono />
      <InputField label="Rotate every (days)" hint={ROTATION_HINT} field={rotation.days} mono />
      <InputField label="Description" hint="Optional. Where the key comes from or what it is for." field={description} rows={2} maxLength={SECRET_DESCRIPTION_MAX} spellCheck />
    </FormDialog>
  );
}
