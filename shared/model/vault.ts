/** Where the master key comes from. */
export type KeySource = 'keychain' | 'passphrase' | 'safe-storage';

/** An explicit alternative the user may choose when the OS keychain can't be used. */
export type KeyAlternative = 'passphrase' | 'safe-storage';

export type VaultStatus =
  | { state: 'unlocked'; keySource: KeySource }
  /** The vault is protected by a passphrase that must be entered on each launch. */
  | { state: 'locked'; keySource: 'passphrase' }
  /**
   * The OS keychain can't be reached. `problem` says what is wrong, `remedy` what to do.
   * `alternatives` is empty when the vault already holds secrets under a keychain key:
   * choosing another key source then would lose them, so the only way out is fixing the keychain.
   */
  | { state: 'keychain-unavailable'; problem: string; remedy: string; alternatives: KeyAlternative[] }
  /**
   * The key store answers but no longer holds this vault's master key (a new computer, a
   * reinstalled OS, a reset keychain), though things are sealed under it: only the recovery
   * key opens the vault now, or starting over with a new one.
   */
  | { state: 'key-missing'; keySource: Exclude<KeySource, 'passphrase'>; problem: string };

/**
 * Whether opening the vault with its recovery key also sets a new passphrase: for a
 * passphrase vault (the old one is what was forgotten) and when the keychain can't be
 * reached (the master key can't go back there). A missing keychain entry is simply written anew.
 */
export function recoveryNeedsPassphrase(status: VaultStatus): boolean {
  return status.state === 'locked' || status.state === 'keychain-unavailable';
}

export const MIN_PASSPHRASE_LENGTH = 12;

/** The problem with a new vault passphrase, or null (characters counted as code points). */
export function newPassphraseProblem(passphrase: string): string | null {
  if (passphrase.length === 0) return 'Passphrase is required.';
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`;
  return null;
}
