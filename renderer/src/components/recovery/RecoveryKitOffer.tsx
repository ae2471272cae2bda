import { useRef } from 'react';
import { useRecovery } from '../../store';
import { kitWanted } from '../../store/recovery-store';
import { FormError } from '../common/FormError';
import { useDialogOpen } from '../workflows/use-dialog-open';
import { RecoveryKitDialog } from './RecoveryKitDialog';
import { useKitMaker } from './use-kit-maker';
import { useRecoveryStatus } from './use-recovery-status';

/**
 * Above the open vault until a recovery kit is made and kept (a new vault has none): one
 * click makes it. "Not now" asks again on the next launch; Settings has it any time.
 */
export function RecoveryKitOffer() {
  const status = useRecoveryStatus();
  const deferred = useRecovery((state) => state.offerDeferred);
  const deferOffer = useRecovery((state) => state.deferOffer);
  const maker = useKitMaker();
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Out of the tab order while any dialog is open, as the navigation is (use-dialog-open.ts).
  const dialogOpen = useDialogOpen();

  return (
    <>
      {kitWanted(status) && !deferred && (
        <section className="callout callout-warning callout-block recovery-offer" aria-labelledby="recovery-offer-title" inert={dialogOpen}>
          <h2 id="recovery-offer-title" className="recovery-offer-title">
            Make your recovery kit
          </h2>
          <p>
            {status?.key
              ? 'Nobody confirmed that this vault’s recovery kit was kept. Make a new one (the earlier key then stops working) and keep it offline.'
              : 'If this computer’s keychain loses Keyflow’s key — a reinstall, a new computer, a reset keychain — only a recovery key opens your secret keys again. Make it now and keep it offline.'}
          </p>
          <FormError message={maker.problem} />
          <div className="form-actions form-actions-start">
            <button ref={buttonRef} type="button" className="button button-primary" disabled={maker.pending} aria-busy={maker.pending} onClick={() => void maker.make()}>
              Make recovery kit
            </button>
            <button type="button" className="button button-ghost" onClick={deferOffer}>
              Not now
            </button>
          </div>
        </section>
      )}
      {maker.kit && <RecoveryKitDialog kit={maker.kit} onClose={maker.close} returnFocusTo={() => buttonRef.current} />}
    </>
  );
}
