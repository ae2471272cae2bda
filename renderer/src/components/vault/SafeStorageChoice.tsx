import { useState } from 'react';
import type { BridgeError } from '../../../../shared/bridge/errors';
import { asBridgeError } from '../../bridge/failure';
import { useVault } from '../../store';
import { FormError } from '../common/FormError';

/** The explicit choice of Electron safe storage instead of the keychain. */
export function SafeStorageChoice() {
  const chooseSafeStorage = useVault((state) => state.chooseSafeStorage);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);

  async function choose() {
    setPending(true);
    setError(null);
    try {
      await chooseSafeStorage();
    } catch (failure) {
      setError(asBridgeError(failure));
      setPending(false);
    }
  }

  return (
    <section className="card" aria-labelledby="safe-storage-choice">
      <h2 id="safe-storage-choice" className="card-title">
        Use Electron safe storage
      </h2>
      <p>
        Electron encrypts the vault key with a key your operating system keeps for your user account. Only this account on this
        computer can open the vault.
      </p>
      <FormError message={error?.message ?? null} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" disabled={pending} aria-busy={pending} onClick={() => void choose()}>
          Use Electron safe storage
        </button>
      </div>
    </section>
  );
}
