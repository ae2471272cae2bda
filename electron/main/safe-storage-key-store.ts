/**
 * A KeyStore backed by Electron's safeStorage: each account's secret is encrypted with
 * the OS-protected key (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet
 * on Linux) and written to its own file under the user-data directory.
 *
 * Offered to the vault only as an explicit alternative, and only when safeStorage is backed
 * by a real OS store: on Linux its `basic_text` backend uses a hard-coded password,
 * which would be a plaintext fallback in disguise.
 *
 * Only a type is imported from 'electron': main.ts passes the real safeStorage in, which
 * keeps this file loadable (and tested) under plain Node.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { KeyStoreUnavailableError, type KeyStore } from '../core/keystore/key-store';

/** The part of Electron's safeStorage this store uses (the asynchronous API of Electron ≥ 39). */
export type SafeStorageApi = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

export const SAFE_STORAGE_DIR = 'safe-storage';

/** Linux backends that do not protect anything: `basic_text` uses a fixed key, `unknown` means not ready. */
const UNPROTECTED_LINUX_BACKENDS: readonly string[] = ['basic_text', 'unknown'];

function unavailable(detail: unknown): KeyStoreUnavailableError {
  const reason = detail instanceof Error ? detail.message : String(detail);
  return new KeyStoreUnavailableError(
    `Electron safeStorage could not be used (${reason}).`,
    'Make sure your OS keychain or wallet is unlocked, then restart Keyflow. Or protect the vault with a passphrase instead.',
  );
}

export class SafeStorageKeyStore implements KeyStore {
  readonly description = 'Electron safeStorage';
  private readonly dir: string;

  constructor(
    private readonly safeStorage: SafeStorageApi,
    userDataDir: string,
  ) {
    this.dir = join(userDataDir, SAFE_STORAGE_DIR);
  }

  /** One file per account; the name is a hash, so any account string is a safe file name on every OS. */
  fileFor(account: string): string {
    return join(this.dir, `${createHash('sha256').update(account, 'utf8').digest('hex')}.bin`);
  }

  async get(account: string): Promise<Buffer | null> {
    let blob: Buffer;
    try {
      blob = await readFile(this.fileFor(account));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw unavailable(error);
    }
    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await this.safeStorage.decryptStringAsync(blob);
    } catch (error) {
      throw unavailable(error);
    }
    if (decrypted.shouldReEncrypt) {
      // The OS key was rotated: store the secret again under the current key. Best effort:
      // the old file still decrypts, so a failure here must not lock the user out.
      await this.write(account, decrypted.result).catch(() => undefined);
    }
    return Buffer.from(decrypted.result, 'base64');
  }

  async set(account: string, secret: Buffer): Promise<void> {
    await this.write(account, secret.toString('base64'));
  }

  async delete(account: string): Promise<void> {
    try {
      await rm(this.fileFor(account), { force: true });
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** Encrypts and replaces the account's file atomically: temp file, fsync, rename. */
  private async write(account: string, encoded: string): Promise<void> {
    let blob: Buffer;
    try {
      blob = await this.safeStorage.encryptStringAsync(encoded);
    } catch (error) {
      throw unavailable(error);
    }
    const target = this.fileFor(account);
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(blob);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw unavailable(error);
    }
  }
}

/**
 * A SafeStorageKeyStore when safeStorage really protects data here, else undefined (and
 * the vault then doesn't offer it). Call after the app is ready.
 */
export async function safeStorageKeyStoreIfAvailable(
  safeStorage: SafeStorageApi,
  userDataDir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<SafeStorageKeyStore | undefined> {
  try {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
    if (platform === 'linux' && UNPROTECTED_LINUX_BACKENDS.includes(safeStorage.getSelectedStorageBackend())) return undefined;
  } catch {
    return undefined;
  }
  return new SafeStorageKeyStore(safeStorage, userDataDir);
}
