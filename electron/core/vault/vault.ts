/**
 * The vault: owns the master key (in main-process memory only) and seals/opens values.
 * The master key comes from the OS keychain, or — only when the user explicitly chooses
 * it because the keychain can't be used — from a passphrase or Electron safeStorage.
 * There is no plaintext fallback.
 */
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { newPassphraseProblem, type KeyAlternative, type KeySource, type VaultStatus } from '../../../shared/model/vault';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import { KeyStoreUnavailableError, type KeyStore } from '../keystore/key-store';
import { openValue, sealValue, type SealContext } from './envelope';
import { deriveWrappingKey, newKdf, type PassphraseKdf } from './passphrase';
import { MetaTable } from '../db/meta';

export interface VaultKeyStores {
  keychain: KeyStore;
  /** Electron safeStorage, offered only when its backend is a real one (not basic_text). */
  safeStorage?: KeyStore;
}

// A constant sealed under the master key: tells a wrong key from a tampered value.
const KEY_CHECK: SealContext = { workspaceId: 'vault', secretId: 'key-check', version: 1 };
const KEY_CHECK_TEXT = 'keyflow-key-check';

function deviceSecretContext(name: string): SealContext {
  return { workspaceId: 'vault', secretId: `device-${name}`, version: 1 };
}

export class Vault {
  private masterKey: KeyObject | null = null;
  private current: VaultStatus;

  private constructor(
    private readonly meta: MetaTable,
    private readonly stores: VaultKeyStores,
    private readonly hasSecrets: () => boolean,
  ) {
    this.current = { state: 'locked', keySource: 'passphrase' };
  }

  static async open(db: Db, stores: VaultKeyStores, hasSecrets: () => boolean): Promise<Vault> {
    const vault = new Vault(new MetaTable(db), stores, hasSecrets);
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
      } else if (source && this.hasSecrets()) {
        this.current = this.unavailable(
          new KeyStoreUnavailableError(
            `The master key of this vault is missing from ${store.description}, so its secrets can't be decrypted.`,
            'Restore the keychain entry "Keyflow" from a backup of your keychain, or start over with a new user-data directory.',
          ),
        );
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

  private adopt(key: KeyObject, source: KeySource): void {
    const check = this.meta.get('key_check');
    if (check) {
      try {
        openValue(key, KEY_CHECK, Buffer.from(check, 'base64'));
      } catch {
        throw new BridgeError(
          'keychain_unavailable',
          'The key in the keychain does not belong to this vault (it fails the vault\'s key check).',
        );
      }
    }
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
    const kdf = newKdf();
    const wrappingKey = await deriveWrappingKey(passphrase, kdf);
    const raw = randomBytes(32);
    const masterKey = createSecretKey(raw);
    const wrapped = sealValue(wrappingKey, { workspaceId: 'vault', secretId: 'master-key', version: 1 }, raw.toString('base64'));
    raw.fill(0);
    this.meta.setMany({
      key_source: 'passphrase',
      passphrase_kdf: JSON.stringify(kdf),
      passphrase_wrapped_key: wrapped.toString('base64'),
      key_check: sealValue(masterKey, KEY_CHECK, KEY_CHECK_TEXT).toString('base64'),
    });
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
      raw = Buffer.from(
        openValue(wrappingKey, { workspaceId: 'vault', secretId: 'master-key', version: 1 }, Buffer.from(this.meta.get('passphrase_wrapped_key')!, 'base64')),
        'base64',
      );
    } catch {
      throw new BridgeError('wrong_passphrase', 'That passphrase is not correct.', 'passphrase');
    }
    const key = createSecretKey(raw);
    raw.fill(0);
    this.adopt(key, 'passphrase');
    return this.current;
  }

  /** Throws the clear reason the vault can't be used (locked, or no keychain), if it can't. */
  requireUnlocked(): void {
    this.key();
  }

  private key(): KeyObject {
    if (!this.masterKey) {
      throw new BridgeError(
        this.current.state === 'keychain-unavailable' ? 'keychain_unavailable' : 'vault_locked',
        this.current.state === 'keychain-unavailable' ? this.current.problem : 'The vault is locked. Enter your passphrase to unlock it.',
      );
    }
    return this.masterKey;
  }

  /**
   * Keeps a device secret (the identity's private keys) beside the master key: in the same
   * keychain or safeStorage, or — with a passphrase vault — sealed under the master key.
   */
  async storeDeviceSecret(name: string, secret: Buffer): Promise<void> {
    const store = this.deviceSecretStore();
    if (store) await store.set(`${name}:${this.meta.vaultId()}`, secret);
    else this.meta.set(`device_secret:${name}`, sealValue(this.key(), deviceSecretContext(name), secret.toString('base64')).toString('base64'));
  }

  async loadDeviceSecret(name: string): Promise<Buffer | null> {
    const store = this.deviceSecretStore();
    if (store) return store.get(`${name}:${this.meta.vaultId()}`);
    const sealed = this.meta.get(`device_secret:${name}`);
    return sealed ? Buffer.from(openValue(this.key(), deviceSecretContext(name), Buffer.from(sealed, 'base64')), 'base64') : null;
  }

  async deleteDeviceSecret(name: string): Promise<void> {
    const store = this.deviceSecretStore();
    if (store) await store.delete(`${name}:${this.meta.vaultId()}`);
    else this.meta.delete(`device_secret:${name}`);
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
