import { secretValueProblem, type SecretMeta } from '../../../../shared/model/secret';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { Field } from '../common/Field';
import { CancelButton, FormDialog } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import { SecretValueInput } from '../common/SecretValueInput';
import { ValueWarning } from '../common/ValueWarning';

interface Props {
  secret: SecretMeta;
  onClose(): void;
  returnFocusTo(): HTMLElement | null;
}

export function EditValueDialog({ secret, onClose, returnFocusTo }: Props) {
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
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) =>
          submission.submit(event, !value.problem, async () => {
            const updated = await updateValue(secret.id, value.value);
            value.clear();
            announce(`New value saved for "${updated.name}": now version ${updated.valueVersion}`);
            onClose();
          })
        }
      >
        <p className="dialog-meta">
          Current value: version {secret.valueVersion}. Saving makes version {secret.valueVersion + 1}.
        </p>
        <Field label="New value" error={value.error} alert={Boolean(submission.errorFor('value'))}>
          {(control) => <SecretValueInput {...control} value={value.value} onChange={value.change} onBlur={value.blur} />}
        </Field>
        <ValueWarning />
        <FormError message={submission.formError(['value'])} />
        <div className="dialog-actions">
          <CancelButton />
          <button type="submit" className="button button-primary" disabled={submission.pending} aria-busy={submission.pending}>
            Save new value
          </button>
        </div>
      </form>
    </FormDialog>
  );
}
