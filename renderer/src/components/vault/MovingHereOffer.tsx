import { useRef, useState } from 'react';
import { useNavigation, useRecovery, useWorkspaces } from '../../store';
import { useDialogOpen } from '../workflows/use-dialog-open';
import { IdentityDialog } from '../workspaces/IdentityDialog';
import { useRecoveryStatus } from '../recovery/use-recovery-status';

/**
 * On a brand-new vault (no recovery key made yet, no team workspace): "Moving from another
 * machine?" — the two ways to bring what was there. A personal vault comes back from an
 * encrypted backup (Settings › Backups); a team workspace is joined as the same person by
 * sending this machine's identity to an Admin, who adds it as a device of you. (A vault
 * whose keychain entry is gone on the same machine has its own screen: the recovery key.)
 */
export function MovingHereOffer() {
  const status = useRecoveryStatus();
  const onlyPersonal = useWorkspaces((state) => state.items.length > 0 && state.items.every((workspace) => workspace.kind === 'personal'));
  const closed = useRecovery((state) => state.movingOfferClosed);
  const close = useRecovery((state) => state.closeMovingOffer);
  const show = useNavigation((state) => state.show);
  const [sharing, setSharing] = useState(false);
  const shareRef = useRef<HTMLButtonElement>(null);
  const dialogOpen = useDialogOpen();

  if (!status || status.key !== null || !onlyPersonal || closed) return null;
  return (
    <>
      <section className="callout callout-info callout-block moving-offer" aria-labelledby="moving-offer-title" inert={dialogOpen}>
        <h2 id="moving-offer-title" className="recovery-offer-title">
          Moving from another machine?
        </h2>
        <ul className="moving-offer-ways">
          <li>
            <strong>Your own keys and workflows:</strong> restore the encrypted backup you made there (its passphrase opens it).{' '}
            <button type="button" className="button button-secondary button-small" onClick={() => show('settings')}>
              Restore a backup
            </button>
          </li>
          <li>
            <strong>A team workspace you belong to:</strong> this machine has an identity of its own. Send it to an Owner or Admin of the workspace; they add it as a device of you
            (Team › Add device), and once their change has synced, open the workspace file here — you are the same member, with the same role and keys.{' '}
            <button ref={shareRef} type="button" className="button button-secondary button-small" onClick={() => setSharing(true)}>
              Share this machine’s identity
            </button>
          </li>
        </ul>
        <div className="form-actions form-actions-start">
          <button type="button" className="button button-ghost" onClick={close}>
            Not moving
          </button>
        </div>
      </section>
      {sharing && <IdentityDialog onClose={() => setSharing(false)} returnFocusTo={() => shareRef.current} />}
    </>
  );
}
