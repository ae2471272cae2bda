import { secretValueProblem, type SecretMeta } from '../../../../shared/model/secret';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { SecretValueField } from '../common/SecretValueField';

export function EditValueDialog({ secret, onClose, returnFocusTo }: DialogProps & { secret: SecretMeta }) {
  const updateValue = useSecrets((state) => state.updateValue);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const value = useTextField(submission, 'value', '', secretValueProblem);

  return (
    <FormDialog
      title="Edit Value"
      description={`The current value of "${secret.name}" can't be shown — it can only be replaced. Workflows use the new value from their next run.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!value.problem}
      fields={['value']}
      submitLabel="Save new value"
      onSubmit={async () => {
        const updated = await updateValue(secret.id, value.value);
        value.clear();
        announce(`New value saved for “${updated.name}”: now version ${updated.valueVersion}`);
        onClose();
      }}
    >
      <p className="note">
        Current value: version {secret.valueVersion}. Saving makes version {secret.valueVersion + 1}.
      </p>
      <SecretValueField label="New value" field={value} />
    </FormDialog>
  );
}
