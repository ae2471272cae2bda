import type { SecretMeta } from '../../../../shared/model/secret';
import { useSubmission } from '../../hooks/use-submission';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';
import { EXPIRY_HINT, expiryOf, ROTATION_HINT, rotationDaysOf, useRotationFields } from './rotation-fields';

/** Rotation reminder: an expiry date and/or an interval (secrets.setRotation). */
export function RotationDialog({ secret, onClose, returnFocusTo }: DialogProps & { secret: SecretMeta }) {
  const setRotation = useSecrets((state) => state.setRotation);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const { expires, days } = useRotationFields(submission, secret);
  return (
    <FormDialog
      title="Rotation Reminder"
      description={`When “${secret.name}” is due for a new value. The list shows it as due soon a week before, and as overdue after.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!expires.problem && !days.problem}
      fields={['expiresAt', 'rotationDays']}
      submitLabel="Save reminder"
      onSubmit={async () => {
        const updated = await setRotation(secret.id, expiryOf(expires.value), rotationDaysOf(days.value));
        announce(updated.expiresAt || updated.rotationDays ? `Rotation reminder for “${updated.name}” saved` : `“${updated.name}” has no rotation reminder`);
        onClose();
      }}
    >
      <InputField label="Expires on" hint={EXPIRY_HINT} field={expires} mono />
      <InputField label="Rotate every (days)" hint={ROTATION_HINT} field={days} mono />
    </FormDialog>
  );
}
