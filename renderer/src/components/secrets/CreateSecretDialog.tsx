import { SECRET_DESCRIPTION_MAX, secretNameProblem, secretValueProblem } from '../../../../shared/model/secret';
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
  onClose(): void;
  returnFocusTo(): HTMLElement | null;
}

export function CreateSecretDialog({ onClose, returnFocusTo }: Props) {
  const create = useSecrets((state) => state.create);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const name = useTextField(submission, 'name', '', secretNameProblem);
  const value = useTextField(submission, 'value', '', secretValueProblem);
  const description = useTextField(submission, 'description', '');

  return (
    <FormDialog
      title="Create Secret Key"
      description="Store an API key, token or password. Keyflow encrypts it on this device; workflows use it by name."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) =>
          submission.submit(event, !name.problem && !value.problem, async () => {
            const created = await create({ name: name.value, value: value.value, description: description.value.trim() || undefined });
            value.clear();
            announce(`Secret key "${created.name}" created`);
            onClose();
          })
        }
      >
        <Field label="Name" hint="For example “Stripe API key”. Unique in this workspace." error={name.error} alert={Boolean(submission.errorFor('name'))}>
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
        <Field label="Value" error={value.error} alert={Boolean(submission.errorFor('value'))}>
          {(control) => <SecretValueInput {...control} value={value.value} onChange={value.change} onBlur={value.blur} />}
        </Field>
        <ValueWarning />
        <Field label="Description" hint="Optional. Where the key comes from or what it is for." error={description.error} alert>
          {(control) => (
            <textarea
              {...control}
              className="input textarea"
              rows={2}
              maxLength={SECRET_DESCRIPTION_MAX}
              value={description.value}
              onChange={(event) => description.change(event.target.value)}
            />
          )}
        </Field>
        <FormError message={submission.formError(['name', 'value', 'description'])} />
        <div className="dialog-actions">
          <CancelButton />
          <button type="submit" className="button button-primary" disabled={submission.pending} aria-busy={submission.pending}>
            Create Secret Key
          </button>
        </div>
      </form>
    </FormDialog>
  );
}
