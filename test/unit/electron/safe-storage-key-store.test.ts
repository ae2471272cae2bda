/**
 * SafeStorageKeyStore with a stand-in for Electron's safeStorage (which needs the Electron
 * binary): a real AES-256-GCM cipher under a key that can be rotated, so files on disk,
 * tampering and re-encryption behave as they would. Then the store under the real vault.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../../electron/core/keyflow-core';
import { KeyStoreUnavailableError, type KeyStore } from '../../../electron/core/keystore/key-store';
import { SAFE_STORAGE_DIR, SafeStorageKeyStore, safeStorageKeyStoreIfAvailable, type SafeStorageApi } from '../../../electron/main/safe-storage-key-store';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

/** Encrypts like safeStorage does on the outside: opaque bytes, versioned by key. */
class OsCipher implements SafeStorageApi {
  private keys = [randomBytes(32)];
  available = true;
  backend: Backend = 'gnome_libsecret';
  encryptCalls = 0;

  rotate(): void {
    this.keys.push(randomBytes(32));
  }
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }
  getSelectedStorageBackend(): Backend {
    return this.backend;
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.encryptCalls += 1;
    const version = this.keys.length - 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[version]!, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([version]), iv, cipher.getAuthTag(), body]);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const version = encrypted[0]!;
    const key = this.keys[version];
    if (!key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(1, 13));
    decipher.setAuthTag(encrypted.subarray(13, 29));
    const result = Buffer.concat([decipher.update(encrypted.subarray(29)), decipher.final()]).toString('utf8');
    return { result, shouldReEncrypt: version !== this.keys.length - 1 };
  }
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyflow-safe-storage-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SafeStorageKeyStore', () => {
  it('stores a secret encrypted in its own file and reads it back', async () => {
    const dir = tempDir();
    const store = new SafeStorageKeyStore(new OsCipher(), dir);
    const secret = randomBytes(32);
    await store.set('master-key:vault-1', secret);
    expect(await store.get('master-key:vault-1')).toEqual(secret);

    const file = store.fileFor('master-key:vault-1');
    expect(file.startsWith(join(dir, SAFE_STORAGE_DIR))).toBe(true);
    const onDisk = readFileSync(file);
    expect(onDisk.includes(secret)).toBe(false);
    expect(onDisk.toString('latin1')).not.toContain(secret.toString('base64'));
    expect(readdirSync(join(dir, SAFE_STORAGE_DIR))).toEqual([file.split(/[\\/]/).pop()]); // no temp files left
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, SAFE_STORAGE_DIR)).mode & 0o777).toBe(0o700);
    }
  });

  it('keeps accounts apart, with file names safe on every OS', async () => {
    const store = new SafeStorageKeyStore(new OsCipher(), tempDir());
    const accounts = ['master-key:a', 'master-key:b', '../../etc/passwd', 'C:\\x', 'a'.repeat(500)];
    for (const [index, account] of accounts.entries()) await store.set(account, Buffer.from([index]));
    for (const [index, account] of accounts.entries()) {
      expect(await store.get(account)).toEqual(Buffer.from([index]));
      expect(store.fileFor(account)).toMatch(/[\\/][0-9a-f]{64}\.bin$/);
    }
  });

  it('returns null for an account it has never stored, and after delete', async () => {
    const store = new SafeStorageKeyStore(new OsCipher(), tempDir());
    expect(await store.get('nothing')).toBeNull();
    await store.delete('nothing'); // deleting what isn't there is fine
    await store.set('k', Buffer.from('x'));
    await store.delete('k');
    expect(await store.get('k')).toBeNull();
    expect(existsSync(store.fileFor('k'))).toBe(false);
  });

  it('re-encrypts under the new OS key when safeStorage asks for it', async () => {
    const cipher = new OsCipher();
    const store = new SafeStorageKeyStore(cipher, tempDir());
    const secret = randomBytes(32);
    await store.set('k', secret);
    const before = readFileSync(store.fileFor('k'));
    cipher.rotate();
    expect(await store.get('k')).toEqual(secret);
    const after = readFileSync(store.fileFor('k'));
    expect(after[0]).toBe(1);
    expect(after.equals(before)).toBe(false);
    // Once re-encrypted, reading doesn't write again.
    const writes = cipher.encryptCalls;
    expect(await store.get('k')).toEqual(secret);
    expect(cipher.encryptCalls).toBe(writes);
  });

  it('reports a file it cannot decrypt as unavailable, with a remedy', async () => {
    const store = new SafeStorageKeyStore(new OsCipher(), tempDir());
    await store.set('k', randomBytes(32));
    const file = store.fileFor('k');
    const tampered = readFileSync(file);
    tampered[tampered.length - 1]! ^= 1;
    writeFileSync(file, tampered);
    const error = await store.get('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyStoreUnavailableError);
    expect((error as KeyStoreUnavailableError).remedy).toMatch(/passphrase/);
  });

  it('reports an encryption failure as unavailable and leaves no file behind', async () => {
    const cipher = new OsCipher();
    cipher.encryptStringAsync = () => Promise.reject(new Error('Encryption is not available.'));
    const store = new SafeStorageKeyStore(cipher, tempDir());
    await expect(store.set('k', randomBytes(32))).rejects.toBeInstanceOf(KeyStoreUnavailableError);
    expect(existsSync(store.fileFor('k'))).toBe(false);
  });
});

describe('safeStorageKeyStoreIfAvailable', () => {
  it.each<[string, NodeJS.Platform, Backend, boolean, boolean]>([
    ['a real Linux backend', 'linux', 'gnome_libsecret', true, true],
    ['KWallet', 'linux', 'kwallet6', true, true],
    ['basic_text on Linux (a hard-coded key)', 'linux', 'basic_text', true, false],
    ['an unknown Linux backend (not ready)', 'linux', 'unknown', true, false],
    ['encryption unavailable', 'linux', 'gnome_libsecret', false, false],
    ['macOS (backend is a Linux notion)', 'darwin', 'unknown', true, true],
    ['Windows', 'win32', 'unknown', true, true],
    ['Windows without encryption', 'win32', 'unknown', false, false],
  ])('%s → offered: %s', async (_label, platform, backend, available, offered) => {
    const cipher = new OsCipher();
    cipher.backend = backend;
    cipher.available = available;
    const store = await safeStorageKeyStoreIfAvailable(cipher, tempDir(), platform);
    expect(store !== undefined).toBe(offered);
  });

  it('is not offered when asking throws', async () => {
    const cipher = new OsCipher();
    cipher.isAsyncEncryptionAvailable = () => Promise.reject(new Error('not ready'));
    expect(await safeStorageKeyStoreIfAvailable(cipher, tempDir(), 'linux')).toBeUndefined();
  });
});

describe('under the real vault', () => {
  class NoKeychain implements KeyStore {
    readonly description = 'the OS keychain';
    get(): Promise<Buffer | null> {
      return Promise.reject(new KeyStoreUnavailableError('No Secret Service is running.', 'Start one.'));
    }
    set(): Promise<void> {
      return this.get().then(() => undefined);
    }
    delete(): Promise<void> {
      return this.get().then(() => undefined);
    }
  }

  it('is offered when the keychain is missing, holds the master key, and reopens the vault on the next start', async () => {
    const dir = tempDir();
    const cipher = new OsCipher();
    const start = () =>
      startCore({ userDataDir: dir, keyStores: { keychain: new NoKeychain(), safeStorage: new SafeStorageKeyStore(cipher, dir) }, host: 'electron', tripwire: true });

    const first = await start();
    expect(await first.dispatch('vault.status', {})).toMatchObject({ ok: true, result: { state: 'keychain-unavailable', alternatives: ['passphrase', 'safe-storage'] } });
    expect(await first.dispatch('vault.useSafeStorage', {})).toMatchObject({ ok: true, result: { state: 'unlocked', keySource: 'safe-storage' } });
    expect(await first.dispatch('secrets.create', { name: 'Stripe', value: 'sk_live_kept_in_safe_storage' })).toMatchObject({ ok: true });
    first.close();

    const second = await start();
    expect(await second.dispatch('vault.status', {})).toMatchObject({ ok: true, result: { state: 'unlocked', keySource: 'safe-storage' } });
    expect(await second.dispatch('secrets.list', {})).toMatchObject({ ok: true, result: [{ name: 'Stripe' }] });
    second.close();

    // Without the OS key the vault can't open, and says so instead of falling back.
    const third = await startCore({
      userDataDir: dir,
      keyStores: { keychain: new NoKeychain(), safeStorage: new SafeStorageKeyStore(new OsCipher(), dir) },
      host: 'electron',
      tripwire: true,
    });
    expect(await third.dispatch('vault.status', {})).toMatchObject({ ok: true, result: { state: 'keychain-unavailable', alternatives: [] } });
    third.close();
  });
});
