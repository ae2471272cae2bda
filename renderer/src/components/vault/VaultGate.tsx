import { useEffect } from 'react';
import { useVault } from '../../store';
import { ErrorBanner } from '../common/ErrorBanner';
import { SecretsPanel } from '../secrets/SecretsPanel';
import { KeyMissingScreen } from './KeyMissingScreen';
import { KeychainUnavailable } from './KeychainUnavailable';
import { UnlockScreen } from './UnlockScreen';

/** Shows the secrets only once the vault is unlocked; otherwise what it takes to get there. */
export function VaultGate() {
  const status = useVault((state) => state.status);
  const checkError = useVault((state) => state.checkError);
  const check = useVault((state) => state.check);

  useEffect(() => {
    void check();
  }, [check]);

  if (checkError) {
    return <ErrorBanner title="Keyflow couldn't open your vault" message={checkError} onRetry={() => void check()} />;
  }
  if (!status) {
    return (
      <p className="loading" role="status">
        Opening your vault…
      </p>
    );
  }
  switch (status.state) {
    case 'unlocked':
      return <SecretsPanel />;
    case 'locked':
      return <UnlockScreen />;
    case 'keychain-unavailable':
      return <KeychainUnavailable status={status} />;
    case 'key-missing':
      return <KeyMissingScreen status={status} />;
  }
}
