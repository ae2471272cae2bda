import { secretNameProblem, type SecretMeta } from '../../../../shared/model/secret';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';

export function RenameSecretDialog({ secret, onClose, returnFocusTo }: DialogProps & { secret: SecretMeta }) {
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
      submission={submission}
      canSubmit={!name.problem}
      fields={['name']}
      submitLabel="Rename"
      onSubmit={async () => {
        if (name.value.trim() !== secret.name) {
          const renamed = await rename(secret.id, name.value);
          announce(`Secret key “${secret.name}” renamed to “${renamed.name}”`);
        }
        onClose();
      }}
    >
      <InputField label="Name" field={name} />
    </FormDialog>
  );
}
