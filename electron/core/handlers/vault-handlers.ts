import type { DomainHandlers, HandlerContext } from './context';

export function vaultHandlers({ vault, onUnlocked }: HandlerContext): DomainHandlers<'vault'> {
  const unlocked = async <T>(status: T) => {
    if (vault.isUnlocked) await onUnlocked();
    return status;
  };
  return {
    'vault.status': () => vault.status,
    'vault.setUpPassphrase': async ({ passphrase }) => unlocked(await vault.setUpPassphrase(passphrase)),
    'vault.useSafeStorage': async () => unlocked(await vault.useSafeStorage()),
    'vault.unlock': async ({ passphrase }) => unlocked(await vault.unlock(passphrase)),
  };
}
