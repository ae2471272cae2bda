import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import type { BridgeError } from '../../../../shared/bridge/errors';
import type { SecretMeta } from '../../../../shared/model/secret';
import { asBridgeError } from '../../bridge/failure';
import { countOf } from '../../format/count';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { FormError } from '../common/FormError';
import { returnFocus } from '../common/return-focus';
import { SecretUsageList } from '../workflows/SecretUsage';

interface Props {
  secret: SecretMeta;
  onClose(): void;
  returnFocusTo(): HTMLElement | null;
}

/** Confirms a delete; Cancel has focus first. (No Radix overlay: see FormDialog.) */
export function DeleteSecretDialog({ secret, onClose, returnFocusTo }: Props) {
  const remove = useSecrets((state) => state.remove);
  const announce = useAnnouncer((state) => state.announce);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await remove(secret.id);
      announce(`Secret key "${secret.name}" deleted`);
      onClose();
    } catch (failure) {
      setError(asBridgeError(failure));
      setPending(false);
    }
  }

  return (
    <AlertDialog.Root open onOpenChange={(open) => open || onClose()}>
      <AlertDialog.Portal>
        <div className="dialog-overlay" />
        <AlertDialog.Content
          className="dialog dialog-narrow"
          onCloseAutoFocus={returnFocus(returnFocusTo)}
        >
          <AlertDialog.Title className="dialog-title">Delete secret key &quot;{secret.name}&quot;?</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">
            Workflows that use it will stop working: their steps will need another key before they can run again. This can&apos;t be
            undone.
          </AlertDialog.Description>
          {secret.usedBy > 0 && <p className="callout callout-danger">Used by {countOf(secret.usedBy, 'workflow')}.</p>}
          <SecretUsageList secretId={secret.id} />
          <FormError message={error?.message ?? null} />
          <div className="dialog-actions">
            <AlertDialog.Cancel className="button button-secondary">Cancel</AlertDialog.Cancel>
            <button type="button" className="button button-danger" disabled={pending} aria-busy={pending} onClick={() => void confirm()}>
              Delete
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
