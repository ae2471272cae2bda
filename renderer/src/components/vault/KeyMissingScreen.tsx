import { useRef } from 'react';
import type { VaultStatus } from '../../../../shared/model/vault';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useDialogOpen } from '../workflows/use-dialog-open';
import { useRecovery } from '../../store';
import { ErrorBanner } from '../common/ErrorBanner';
import { RecoveryKeyOpenForm } from '../recovery/RecoveryKeyOpenForm';
import { StartOverCard } from '../recovery/StartOver';
import { useRecoveryStatus } from '../recovery/use-recovery-status';

type KeyMissing = Extract<VaultStatus, { state: 'key-missing' }>;

/**
 * The keychain answers but no longer holds this vault's key (a reinstalled OS, a new
 * computer, a reset keychain): what happened, then the recovery key, or starting over.
 */
export function KeyMissingScreen({ status }: { status: KeyMissing }) {
  const recovery = useRecoveryStatus();
  const loadError = useRecovery((state) => state.loadError);
  const load = useRecovery((state) => state.load);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef);
  // Behind a dialog (start over, replace, the kit), out of the tab order as well as hidden.
  const dialogOpen = useDialogOpen();

  return (
    <section className="screen" aria-labelledby="key-missing-heading" inert={dialogOpen}>
      <h1 id="key-missing-heading" className="screen-title" ref={headingRef} tabIndex={-1}>
        Your vault’s key is missing
      </h1>
      <div className="callout callout-warning callout-block">
        <p className="keychain-problem">{status.problem}</p>
        <p>
          This happens after reinstalling the operating system, on a new computer, or when the keychain was reset. Your secret keys are still here, encrypted: the recovery key from
          your recovery kit opens them, and Keyflow then keeps its key in the keychain again.
        </p>
      </div>
      {loadError && !recovery && <ErrorBanner title="Keyflow couldn't read this vault's recovery key" message={loadError} onRetry={() => void load()} />}
      {recovery && (
        <div className="choices">
          {recovery.key ? (
            <RecoveryKeyOpenForm needsPassphrase={false} title="Enter recovery key">
              <p>
                Type the key from the recovery kit of vault <span className="mono">{recovery.vaultId}</span>.
              </p>
            </RecoveryKeyOpenForm>
          ) : (
            <section className="card" aria-labelledby="no-recovery-key-title">
              <h2 id="no-recovery-key-title" className="card-title">
                No recovery key
              </h2>
              <p>This vault has no recovery key. If you can bring back the keychain (a backup of it, the old computer), do that and restart Keyflow; otherwise, start over.</p>
            </section>
          )}
          <StartOverCard />
        </div>
      )}
    </section>
  );
}
