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
  | { state: 'keychain-unavailable'; problem: string; remedy: string; alternatives: KeyAlternative[] };

export const MIN_PASSPHRASE_LENGTH = 12;

/** The problem with a new vault passphrase, or null (characters counted as code points). */
export function newPassphraseProblem(passphrase: string): string | null {
  if (passphrase.length === 0) return 'Passphrase is required.';
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`;
  return null;
}
