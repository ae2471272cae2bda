/**
 * Where the vault's master key is kept. keytar is archived upstream, so callers only
 * ever see this interface and another backend can replace it without touching them.
 */
export interface KeyStore {
  /** Names the backend in messages, e.g. "the OS keychain". */
  readonly description: string;
  get(account: string): Promise<Buffer | null>;
  set(account: string, secret: Buffer): Promise<void>;
  delete(account: string): Promise<void>;
}

/** The key store can't be used at all; `problem` and `remedy` are shown to the user as they are. */
export class KeyStoreUnavailableError extends Error {
  constructor(
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(problem);
    this.name = 'KeyStoreUnavailableError';
  }
}
