import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import type { VaultStatus } from '../../../shared/model/vault';
import { asBridgeError } from '../bridge/failure';

/** The vault's state as main reports it. Passphrases pass through the actions' arguments and are never kept. */
export interface VaultState {
  /** null until main has answered. */
  status: VaultStatus | null;
  checkError: string | null;

  check(): Promise<void>;
  /** These reject with a BridgeError when main refuses (e.g. 'wrong_passphrase'). */
  unlock(passphrase: string): Promise<void>;
  setUpPassphrase(passphrase: string): Promise<void>;
  chooseSafeStorage(): Promise<void>;
  /** Opens the vault with its recovery key; `newPassphrase` protects it from then on (recoveryNeedsPassphrase). */
  openWithRecoveryKey(key: string, newPassphrase?: string): Promise<void>;
  /** Sets the vault that can't be opened aside and starts a new one. */
  startOver(): Promise<void>;
}

type VaultBridge = Pick<BridgeApi, 'vault.status' | 'vault.unlock' | 'vault.setUpPassphrase' | 'vault.useSafeStorage' | 'recovery.open' | 'recovery.startOver'>;

export function createVaultStore(api: VaultBridge) {
  return create<VaultState>()((set) => {
    async function adopt(call: () => Promise<VaultStatus>): Promise<void> {
      try {
        set({ status: await call(), checkError: null });
      } catch (error) {
        throw asBridgeError(error);
      }
    }

    return {
      status: null,
      checkError: null,

      async check() {
        set({ checkError: null });
        try {
          set({ status: await api['vault.status']({}) });
        } catch (error) {
          set({ checkError: asBridgeError(error).message });
        }
      },
      unlock: (passphrase) => adopt(() => api['vault.unlock']({ passphrase })),
      setUpPassphrase: (passphrase) => adopt(() => api['vault.setUpPassphrase']({ passphrase })),
      chooseSafeStorage: () => adopt(() => api['vault.useSafeStorage']({})),
      openWithRecoveryKey: (key, newPassphrase) => adopt(() => api['recovery.open']({ key, ...(newPassphrase === undefined ? {} : { newPassphrase }) })),
      startOver: () => adopt(() => api['recovery.startOver']({})),
    };
  });
}
