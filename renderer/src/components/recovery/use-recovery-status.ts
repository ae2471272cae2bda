import { useEffect } from 'react';
import type { RecoveryStatus } from '../../../../shared/model/recovery';
import { useRecovery, useVault } from '../../store';

/**
 * Main's word on the recovery key, asked afresh when what shows it appears and whenever the
 * vault opens or changes (starting over makes a new vault, without a key); null until main answers.
 */
export function useRecoveryStatus(): RecoveryStatus | null {
  const status = useRecovery((state) => state.status);
  const load = useRecovery((state) => state.load);
  const vaultState = useVault((state) => state.status?.state);
  useEffect(() => {
    void load();
  }, [load, vaultState]);
  return status;
}
