import { secretNameProblem, type SecretMeta } from '../../../../shared/model/secret';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { Field } from '../common/Field';
import { CancelButton, FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';

interface Props {
  secret: SecretMeta;
  onClose(): void;
  returnFocusTo(): HTMLElement | null;
}

export function RenameSecretDialog({ secret, onClose, returnFocusTo }: Props) {
  const rename = useSecrets((state) => state.rename);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const name = useTextField(submission, 'name', secret.name, secretNameProblem);

  return (
    <FormDialog
      title="Rename Secret Key"
      description={`Workflows refer to "${secret.name}" by its id, so they keep working after a rename.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) =>
          submission.submit(event, !name.problem, async () => {
            if (name.value.trim() !== secret.name) {
              const renamed = await rename(secret.id, name.value);
              announce(`Secret key "${secret.name}" renamed to "${renamed.name}"`);
            }
            onClose();
          })
        }
      >
        <Field label="Name" error={name.error} alert={Boolean(submission.errorFor('name'))}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={name.value}
              onChange={(event) => name.change(event.target.value)}
              onBlur={name.blur}
            />
          )}
        </Field>
        <FormError message={submission.formError(['name'])} />
        <div className="dialog-actions">
          <CancelButton />
          <button type="submit" className="button button-primary" disabled={submission.pending} aria-busy={submission.pending}>
            Rename
          </button>
        </div>
      </form>
    </FormDialog>
  );
}
