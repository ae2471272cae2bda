import { useState } from 'react';
import type { SecretMeta } from '../../../../shared/model/secret';
import { useSubmission } from '../../hooks/use-submission';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { accessOfDraft, accessSummary, draftOfAccess } from '../../store/secret-access';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { AccessEditor } from './AccessEditor';

/** Who may use and manage a key (secrets.setAccess): Team, or Restricted to people and groups. */
export function UpdatePermissionsDialog({ secret, onClose, returnFocusTo }: DialogProps & { secret: SecretMeta }) {
  const setAccess = useSecrets((state) => state.setAccess);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const [access, setDraft] = useState(() => draftOfAccess(secret.access));

  return (
    <FormDialog
      title="Update permissions"
      description={`Who can use and manage "${secret.name}". Removing someone re-encrypts the value for the others; rotate it at its source if they may have kept it.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit
      fields={['access']}
      submitLabel="Save permissions"
      wide
      onSubmit={async () => {
        const next = accessOfDraft(access);
        if (JSON.stringify(next) === JSON.stringify(accessOfDraft(draftOfAccess(secret.access)))) return onClose();
        const updated = await setAccess(secret.id, next);
        announce(`Access to “${updated.name}”: ${accessSummary(updated.access)}`);
        onClose();
      }}
    >
      <AccessEditor
        value={access}
        onChange={(next) => {
          setDraft(next);
          submission.clearError();
        }}
        error={submission.errorFor('access')}
      />
    </FormDialog>
  );
}
