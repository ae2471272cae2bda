import type { SecretMeta } from '../../../../shared/model/secret';
import { countOf } from '../../format/count';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { ConfirmDeleteDialog } from '../common/ConfirmDialog';
import type { DialogProps } from '../common/FormDialog';
import { SecretUsageList } from '../workflows/SecretUsage';

export function DeleteSecretDialog({ secret, onClose, returnFocusTo }: DialogProps & { secret: SecretMeta }) {
  const remove = useSecrets((state) => state.remove);
  const announce = useAnnouncer((state) => state.announce);

  return (
    <ConfirmDeleteDialog
      title={<>Delete secret key &quot;{secret.name}&quot;?</>}
      description="Workflows that use it will stop working: their steps will need another key before they can run again. This can't be undone."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      onConfirm={async () => {
        await remove(secret.id);
        announce(`Secret key “${secret.name}” deleted`);
      }}
    >
      {secret.usedBy > 0 && <p className="callout callout-danger">Used by {countOf(secret.usedBy, 'workflow')}.</p>}
      <SecretUsageList secretId={secret.id} />
    </ConfirmDeleteDialog>
  );
}
