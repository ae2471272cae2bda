/**
 * The vault: owns the master key (in main-process memory only) and seals/opens values.
 * The master key comes from the OS keychain, or — only when the user explicitly chooses
 * it because the keychain can't be used — from a passphrase or Electron safeStorage.
 * There is no plaintext fallback. A recovery key (RecoveryKeys) opens the vault when its
 * key source no longer can; the master key then goes back to a key source unchanged.
 */
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { newPassphraseProblem, type KeyAlternative, type KeySource, type VaultStatus } from '../../../shared/model/vault';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import { KeyStoreUnavailableError, type KeyStore } from '../keystore/key-store';
import { openValue, sealValue, type SealContext } from './envelope';
import { deriveWrappingKey, newKdf, type PassphraseKdf } from './passphrase';
import { RecoveryKeys } from './recovery-keys';
import { MetaTable } from '../db/meta';
import type { NewRecoveryKit } from '../../../shared/model/recovery';

export interface VaultKeyStores {
  keychain: KeyStore;
  /** Electron safeStorage, offered only when its backend is a real one (not basic_text). */
  safeStorage?: KeyStore;
}

// A constant sealed under the master key: tells a wrong key from a tampered value.
const KEY_CHECK: SealContext = { workspaceId: 'vault', secretId: 'key-check', version: 1 };
const KEY_CHECK_TEXT = 'keyflow-key-check';
const PASSPHRASE_WRAPPED: SealContext = { workspaceId: 'vault', secretId: 'master-key', version: 1 };

function deviceSecretContext(name: string): SealContext {
  return { workspaceId: 'vault', secretId: `device-${name}`, version: 1 };
}

export class Vault {
  private masterKey: KeyObject | null = null;
  private current: VaultStatus;
  readonly recovery: RecoveryKeys;

  private constructor(
    private readonly meta: MetaTable,
    private readonly stores: VaultKeyStores,
    private readonly hasSecrets: () => boolean,
    now: () => number,
  ) {
    this.current = { state: 'locked', keySource: 'passphrase' };
    this.recovery = new RecoveryKeys(meta, now);
  }

  /** `now` dates the recovery kit and times the wait after wrong recovery keys. */
  static async open(db: Db, stores: VaultKeyStores, hasSecrets: () => boolean, now: () => number = Date.now): Promise<Vault> {
    const vault = new Vault(new MetaTable(db), stores, hasSecrets, now);
    await vault.load();
    return vault;
  }

  get status(): VaultStatus {
    return this.current;
  }

  get isUnlocked(): boolean {
    return this.masterKey !== null;
  }

  /** The keychain account of this vault: one per user-data directory, so instances never collide. */
  private get account(): string {
    return `master-key:${this.meta.vaultId()}`;
  }

  private async load(): Promise<void> {
    const source = this.meta.get('key_source') as KeySource | undefined;
    if (source === 'passphrase') {
      this.current = { state: 'locked', keySource: 'passphrase' };
      return;
    }
    const store = source === 'safe-storage' ? this.stores.safeStorage : this.stores.keychain;
    if (!store) {
      this.current = this.unavailable(
        new KeyStoreUnavailableError(
          'This vault is protected by Electron safeStorage, which is not available here.',
          'Open this vault with the Keyflow desktop app on the machine and account that created it.',
        ),
      );
      return;
    }
    try {
      const stored = await store.get(this.account);
      if (stored) {
        this.adopt(createSecretKey(stored), source ?? 'keychain');
      } else if (source && this.meta.get('key_check')) {
        // Something is sealed under the lost key (values, device keys): a new key would orphan it.
        this.current = {
          state: 'key-missing',
          keySource: source,
          problem: `The master key of this vault is missing from ${store.description}, so its secret keys and your identity can't be decrypted.`,
        };
      } else {
        await this.createKey(store, source ?? 'keychain');
      }
    } catch (error) {
      if (error instanceof KeyStoreUnavailableError) {
        this.current = this.unavailable(error);
        return;
      }
      throw error;
    }
  }

  private unavailable(error: KeyStoreUnavailableError): VaultStatus {
    // Another key source can only be chosen while there is nothing to lose.
    const alternatives: KeyAlternative[] = [];
    if (!this.meta.get('key_source') || !this.hasSecrets()) {
      alternatives.push('passphrase');
      if (this.stores.safeStorage) alternatives.push('safe-storage');
    }
    return { state: 'keychain-unavailable', problem: error.problem, remedy: error.remedy, alternatives };
  }

  private async createKey(store: KeyStore, source: KeySource): Promise<void> {
    const raw = randomBytes(32);
    await store.set(this.account, raw);
    const key = createSecretKey(raw);
    raw.fill(0);
    this.meta.set('key_source', source);
    this.meta.set('key_check', sealValue(key, KEY_CHECK, KEY_CHECK_TEXT).toString('base64'));
    this.adopt(key, source);
  }

  /** Throws when the key fails the vault's key check (a key of another vault). */
  private verify(key: KeyObject): void {
    const check = this.meta.get('key_check');
    if (!check) return;
    try {
      openValue(key, KEY_CHECK, Buffer.from(check, 'base64'));
    } catch {
      throw new BridgeError('keychain_unavailable', "The key in the keychain does not belong to this vault (it fails the vault's key check).");
    }
  }

  private adopt(key: KeyObject, source: KeySource): void {
    this.verify(key);
    this.masterKey = key;
    this.current = { state: 'unlocked', keySource: source };
  }

  private requireAlternative(choice: KeyAlternative): void {
    if (this.current.state !== 'keychain-unavailable' || !this.current.alternatives.includes(choice)) {
      throw new BridgeError('conflict', 'This vault already has a key source; it can only be changed while it holds no secrets and the keychain is unavailable.');
    }
  }

  /** The user's explicit choice to protect the vault with a passphrase instead of the keychain. */
  async setUpPassphrase(passphrase: string): Promise<VaultStatus> {
    this.requireAlternative('passphrase');
    const problem = newPassphraseProblem(passphrase);
    if (problem) throw new BridgeError('invalid_request', problem, 'passphrase');
    const raw = randomBytes(32);
    const masterKey = createSecretKey(raw);
    const wrapped = await wrapUnderPassphrase(raw, passphrase);
    raw.fill(0);
    this.meta.setMany({ ...wrapped, key_check: sealValue(masterKey, KEY_CHECK, KEY_CHECK_TEXT).toString('base64') });
    this.adopt(masterKey, 'passphrase');
    return this.current;
  }

  /** The user's explicit choice of Electron safeStorage instead of the keychain. */
  async useSafeStorage(): Promise<VaultStatus> {
    this.requireAlternative('safe-storage');
    await this.createKey(this.stores.safeStorage!, 'safe-storage');
    return this.current;
  }

  async unlock(passphrase: string): Promise<VaultStatus> {
    if (this.current.state === 'unlocked') return this.current;
    if (this.meta.get('key_source') !== 'passphrase') {
      throw new BridgeError('conflict', 'This vault is not protected by a passphrase.');
    }
    const kdf = JSON.parse(this.meta.get('passphrase_kdf')!) as PassphraseKdf;
    const wrappingKey = await deriveWrappingKey(passphrase, kdf);
    let raw: Buffer;
    try {
      raw = Buffer.from(openValue(wrappingKey, PASSPHRASE_WRAPPED, Buffer.from(this.meta.get('passphrase_wrapped_key')!, 'base64')), 'base64');
    } catch {
      throw new BridgeError('wrong_passphrase', 'That passphrase is not correct.', 'passphrase');
    }
    const key = createSecretKey(raw);
    raw.fill(0);
    this.adopt(key, 'passphrase');
    return this.current;
  }

  /** A new recovery key for this vault, replacing any earlier one (which stops working). */
  createRecoveryKey(): Promise<NewRecoveryKit> {
    return this.recovery.create(this.key());
  }

  /** Whether a typed key is this vault's recovery key (a wrong one counts as an attempt). */
  async checkRecoveryKey(typed: string): Promise<void> {
    const current = this.key().export();
    const raw = await this.recovery.unwrap(typed);
    const same = raw.equals(current);
    raw.fill(0);
    current.fill(0);
    if (!same) throw new BridgeError('conflict', 'The recovery key opens a copy of another master key: this vault’s data was altered.', 'key');
  }

  /**
   * Opens the vault with its recovery key and puts the same master key back where it is
   * kept from now on: a new passphrase when one is given (required for a passphrase vault:
   * the old one is what was forgotten), else the vault's keychain or safeStorage, whose
   * entry is written anew. Every sealed value opens as before. Nothing changes unless
   * all of it succeeds.
   */
  async recover(typed: string, newPassphrase?: string): Promise<VaultStatus> {
    if (this.masterKey) throw new BridgeError('conflict', 'The vault is already open.');
    const source = this.current.state === 'key-missing' ? this.current.keySource : ((this.meta.get('key_source') ?? 'keychain') as KeySource);
    if (newPassphrase === undefined && source === 'passphrase') {
      throw new BridgeError('invalid_request', 'Choose a new passphrase: the vault will ask for it from now on.', 'newPassphrase');
    }
    const problem = newPassphrase === undefined ? null : newPassphraseProblem(newPassphrase);
    if (problem) throw new BridgeError('invalid_request', problem, 'newPassphrase');
    const raw = await this.recovery.unwrap(typed);
    try {
      const key = createSecretKey(raw);
      this.verify(key);
      if (newPassphrase !== undefined) {
        this.meta.replaceErasing(await wrapUnderPassphrase(raw, newPassphrase));
        this.adopt(key, 'passphrase');
      } else {
        const store = source === 'safe-storage' ? this.stores.safeStorage : this.stores.keychain;
        if (!store) throw new BridgeError('keychain_unavailable', 'Electron safeStorage is not available here: choose a passphrase for the vault instead.', 'newPassphrase');
        await this.rehome(store, raw);
        this.adopt(key, source);
      }
      return this.current;
    } finally {
      raw.fill(0);
    }
  }

  private async rehome(store: KeyStore, raw: Buffer): Promise<void> {
    try {
      await store.set(this.account, raw);
    } catch (error) {
      if (!(error instanceof KeyStoreUnavailableError)) throw error;
      throw new BridgeError('keychain_unavailable', `${error.problem} Choose a passphrase for the vault instead, or fix the keychain and try again.`, 'newPassphrase');
    }
  }

  /** After the database was emptied (starting over): open it as on a first launch. */
  async reopen(): Promise<VaultStatus> {
    if (this.masterKey) throw new BridgeError('conflict', 'The vault is open: there is nothing to start over from.');
    this.current = { state: 'locked', keySource: 'passphrase' };
    await this.load();
    return this.current;
  }

  /** Throws the clear reason the vault can't be used (locked, or no keychain), if it can't. */
  requireUnlocked(): void {
    this.key();
  }

  private key(): KeyObject {
    if (!this.masterKey) {
      const status = this.current;
      if (status.state === 'keychain-unavailable' || status.state === 'key-missing') throw new BridgeError('keychain_unavailable', status.problem);
      throw new BridgeError('vault_locked', 'The vault is locked. Enter your passphrase to unlock it.');
    }
    return this.masterKey;
  }

  /**
   * Keeps a device secret (the identity's private keys) sealed under the master key in the
   * database — so the recovery key restores it with the vault — and, for a keychain or
   * safeStorage vault, in that store too.
   */
  async storeDeviceSecret(name: string, secret: Buffer): Promise<void> {
    this.meta.set(`device_secret:${name}`, sealValue(this.key(), deviceSecretContext(name), secret.toString('base64')).toString('base64'));
    const store = this.deviceSecretStore();
    if (store) await store.set(`${name}:${this.meta.vaultId()}`, secret);
  }

  /** The device secret; a copy missing on either side (a reset keychain, a vault from before copies) is written back. */
  async loadDeviceSecret(name: string): Promise<Buffer | null> {
    const sealed = this.meta.get(`device_secret:${name}`);
    const copy = sealed ? Buffer.from(openValue(this.key(), deviceSecretContext(name), Buffer.from(sealed, 'base64')), 'base64') : null;
    const store = this.deviceSecretStore();
    if (!store) return copy;
    const account = `${name}:${this.meta.vaultId()}`;
    const stored = await store.get(account);
    if (stored && !copy) this.meta.set(`device_secret:${name}`, sealValue(this.key(), deviceSecretContext(name), stored.toString('base64')).toString('base64'));
    if (!stored && copy) await store.set(account, copy);
    return stored ?? copy;
  }

  /** Deletes both copies: the one beside the master key would otherwise bring the other back on the next load. */
  async deleteDeviceSecret(name: string): Promise<void> {
    const store = this.deviceSecretStore();
    if (store) await store.delete(`${name}:${this.meta.vaultId()}`);
    this.meta.delete(`device_secret:${name}`);
  }

  private deviceSecretStore(): KeyStore | null {
    this.key();
    const source = this.current.state === 'unlocked' ? this.current.keySource : 'passphrase';
    if (source === 'passphrase') return null;
    return source === 'safe-storage' ? this.stores.safeStorage! : this.stores.keychain;
  }

  seal(context: SealContext, plaintext: string): Buffer {
    return sealValue(this.key(), context, plaintext);
  }

  open(context: SealContext, blob: Buffer): string {
    return openValue(this.key(), context, blob);
  }
}

/** The meta entries of a master key wrapped under a passphrase (scrypt, newKdf's cost). */
async function wrapUnderPassphrase(raw: Buffer, passphrase: string): Promise<Record<string, string>> {
  const kdf = newKdf();
  const wrappingKey = await deriveWrappingKey(passphrase, kdf);
  return {
    key_source: 'passphrase',
    passphrase_kdf: JSON.stringify(kdf),
    passphrase_wrapped_key: sealValue(wrappingKey, PASSPHRASE_WRAPPED, raw.toString('base64')).toString('base64'),
  };
}
