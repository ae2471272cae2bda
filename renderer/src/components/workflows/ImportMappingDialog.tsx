import { useState } from 'react';
import type { SecretMeta } from '../../../../shared/model/secret';
import type { UnresolvedReference } from '../../../../shared/model/workflow-transfer';
import { useSubmission } from '../../hooks/use-submission';
import { Field } from '../common/Field';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { SECRET_TYPE_LABELS } from '../secrets/secret-types';

interface Props extends DialogProps {
  unresolved: readonly UnresolvedReference[];
  secrets: readonly SecretMeta[];
  /** Imports again with the mapping; rejects with main's refusal. */
  onImport(mapping: Record<string, string>): Promise<void>;
  onManageKeys(): void;
}

/** The imported workflow uses keys this workspace doesn't have: pick a local key for each. */
export function ImportMappingDialog({ unresolved, secrets, onImport, onManageKeys, onClose, returnFocusTo }: Props) {
  const submission = useSubmission();
  const [choices, setChoices] = useState<Record<string, string>>(() => Object.fromEntries(unresolved.map((reference) => [reference.id, reference.suggestion ?? ''])));
  const missing = unresolved.filter((reference) => !choices[reference.id]);

  return (
    <FormDialog
      title="Choose keys for this workflow"
      description="The file names secret keys by name only, never by value. Choose which of your keys each one should use."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={missing.length === 0}
      fields={[]}
      submitLabel="Import"
      onSubmit={() => onImport(choices)}
      startAction={
        <button type="button" className="button button-ghost dialog-action-start" onClick={onManageKeys}>
          Manage Secret Keys
        </button>
      }
    >
      {secrets.length === 0 && <p className="callout callout-warning">You have no secret keys yet. Create them in Manage Secret Keys, then import the file again.</p>}
      {unresolved.map((reference) => (
        <Field
          key={reference.id}
          label={`Key for “${reference.name}”`}
          hint={reference.suggestion ? 'A key with the same name was preselected.' : undefined}
          error={submission.attempted && !choices[reference.id] ? 'Choose a key.' : null}
        >
          {(control) => (
            <select
              {...control}
              className="input select"
              value={choices[reference.id] ?? ''}
              onChange={(event) => {
                setChoices((current) => ({ ...current, [reference.id]: event.target.value }));
                submission.clearError();
              }}
            >
              <option value="">Choose a key…</option>
              {secrets.map((secret) => (
                <option key={secret.id} value={secret.id}>
                  {secret.name}
                  {secret.type !== 'generic' ? ` (${SECRET_TYPE_LABELS[secret.type]})` : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
    </FormDialog>
  );
}
