/**
 * The recovery key: a second way to the vault's master key that needs neither the keychain
 * nor the passphrase. Only a copy of the master key wrapped under a key derived from it is
 * stored (scrypt, the passphrase's parameters; AES-256-GCM), never the recovery key itself,
 * which is why a kit can't be shown or saved again: replacing the key is the only way to a
 * new kit. Replacing erases the old wrapped copy, so the old key stops working at once.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { BridgeError } from '../../../shared/bridge/errors';
import { parseRecoveryKey, recoveryKeyOf, RECOVERY_KEY_RANDOM_SYMBOLS } from '../../../shared/model/recovery-key';
import type { NewRecoveryKit, RecoveryStatus } from '../../../shared/model/recovery';
import type { MetaTable } from '../db/meta';
import { AttemptLimiter, durationPhrase } from './attempt-limiter';
import { openValue, sealValue, type SealContext } from './envelope';
import { deriveWrappingKey, newKdf, type PassphraseKdf } from './passphrase';

const WRAPPED: SealContext = { workspaceId: 'vault', secretId: 'recovery-master-key', version: 1 };
const ENTRIES = { kdf: 'recovery_kdf', wrapped: 'recovery_wrapped_key', createdAt: 'recovery_created_at', savedAt: 'recovery_saved_at' } as const;

/** A new key: 26 symbols of 5 random bits each (a byte's low 5 bits are uniform: 256 is a multiple of 32). */
function newRecoveryKey(): string {
  const bytes = randomBytes(RECOVERY_KEY_RANDOM_SYMBOLS);
  const key = recoveryKeyOf([...bytes].map((byte) => byte & 31));
  bytes.fill(0);
  return key;
}

/** What the scrypt input is: the key's 28 symbols, without the groups' hyphens. */
const kdfInput = (key: string) => key.replace(/-/g, '');

export class RecoveryKeys {
  private readonly limiter: AttemptLimiter;
  /** Attempts run one at a time, so two at once can't both pass the wait. */
  private attempts: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly meta: MetaTable,
    private readonly now: () => number,
  ) {
    this.limiter = new AttemptLimiter(meta, 'recovery_attempts', now);
  }

  get exists(): boolean {
    return this.meta.get(ENTRIES.wrapped) !== undefined;
  }

  status(): RecoveryStatus {
    const createdAt = this.meta.get(ENTRIES.createdAt);
    return {
      vaultId: this.meta.vaultId(),
      key: this.exists && createdAt ? { createdAt, savedAt: this.meta.get(ENTRIES.savedAt) ?? null } : null,
      retryAt: this.limiter.retryAt()?.toISOString() ?? null,
    };
  }

  /** Makes a new key for this master key, replacing (and erasing) any earlier one. */
  async create(masterKey: KeyObject): Promise<NewRecoveryKit> {
    const key = newRecoveryKey();
    const kdf = newKdf();
    const wrappingKey = await deriveWrappingKey(kdfInput(key), kdf);
    const raw = masterKey.export();
    const wrapped = sealValue(wrappingKey, WRAPPED, raw.toString('base64'));
    raw.fill(0);
    const createdAt = new Date(this.now()).toISOString();
    this.meta.replaceErasing({ [ENTRIES.kdf]: JSON.stringify(kdf), [ENTRIES.wrapped]: wrapped.toString('base64'), [ENTRIES.createdAt]: createdAt }, [ENTRIES.savedAt]);
    return { key, vaultId: this.meta.vaultId(), createdAt };
  }

  /** The person said they saved the kit. */
  markSaved(): void {
    if (this.exists) this.meta.set(ENTRIES.savedAt, new Date(this.now()).toISOString());
  }

  /**
   * The master key (raw bytes: the caller zeroes them) that a typed key unwraps. Refuses a
   * malformed key before any derivation and without counting it; a well-formed wrong key
   * counts, and makes later attempts wait (AttemptLimiter). Field of errors: `field`.
   */
  unwrap(typed: string, field = 'key'): Promise<Buffer> {
    const attempt = this.attempts.then(() => this.unwrapNow(typed, field));
    this.attempts = attempt.catch(() => undefined);
    return attempt;
  }

  private async unwrapNow(typed: string, field: string): Promise<Buffer> {
    const parsed = parseRecoveryKey(typed);
    if (!parsed.ok) throw new BridgeError('invalid_request', parsed.problem, field);
    const wrapped = this.meta.get(ENTRIES.wrapped);
    const kdf = this.meta.get(ENTRIES.kdf);
    if (!wrapped || !kdf) throw new BridgeError('not_found', 'This vault has no recovery key, so it can’t be opened with one.', field);
    this.limiter.refuseWhileWaiting(field);
    const wrappingKey = await deriveWrappingKey(kdfInput(parsed.key), JSON.parse(kdf) as PassphraseKdf);
    let raw: Buffer;
    try {
      raw = Buffer.from(openValue(wrappingKey, WRAPPED, Buffer.from(wrapped, 'base64')), 'base64');
    } catch {
      const wait = this.limiter.failed();
      throw new BridgeError(
        'wrong_recovery_key',
        `That is not the recovery key of this vault (its kit names vault ${this.meta.vaultId()}), or it was replaced by a newer one. Nothing was changed.` +
          (wait > 0 ? ` After several wrong keys, the next try has to wait ${durationPhrase(wait)}.` : ''),
        field,
      );
    }
    this.limiter.succeeded();
    return raw;
  }
}
