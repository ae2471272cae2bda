import { KeyStoreUnavailableError, type KeyStore } from './key-store';

type Keytar = typeof import('keytar');

export const KEYCHAIN_SERVICE = 'Keyflow';

/** Translates the errors of each platform's keychain into what the user should know and do. */
export function explainKeychainError(error: unknown): KeyStoreUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  if (/autolaunch D-Bus|org\.freedesktop\.secrets was not provided|ServiceUnknown|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|Could not connect/i.test(detail)) {
    return new KeyStoreUnavailableError(
      'No Secret Service is running: Keyflow could not reach a keychain (such as GNOME Keyring or KWallet) on the D-Bus session bus.',
      'Install and start GNOME Keyring or KWallet, log in to a desktop session, then restart Keyflow. Or protect the vault with a passphrase instead.',
    );
  }
  if (/locked|dismissed|prompt/i.test(detail)) {
    return new KeyStoreUnavailableError('The keychain is locked and was not unlocked.', 'Unlock your login keychain (or accept the unlock prompt), then restart Keyflow.');
  }
  if (/denied|not allowed|canceled|cancelled|authoriz/i.test(detail)) {
    return new KeyStoreUnavailableError(
      'Keyflow was denied access to the keychain.',
      'Allow Keyflow to use the keychain when asked (on macOS: Keychain Access ▸ the "Keyflow" item ▸ Access Control), then restart Keyflow.',
    );
  }
  return new KeyStoreUnavailableError(
    `The keychain reported an error: ${detail}`,
    'Check that your OS keychain works, then restart Keyflow. Or protect the vault with a passphrase instead.',
  );
}

/** The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) via keytar. */
export class KeytarKeyStore implements KeyStore {
  readonly description = 'the OS keychain';
  private keytar: Keytar | null = null;

  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  private async load(): Promise<Keytar> {
    if (this.keytar) return this.keytar;
    try {
      const loaded = (await import('keytar')) as Keytar & { default?: Keytar };
      this.keytar = loaded.default ?? loaded;
    } catch (error) {
      throw new KeyStoreUnavailableError(
        `The keychain module could not be loaded (${error instanceof Error ? error.message : String(error)}).`,
        'Reinstall Keyflow. On Linux, make sure libsecret is installed.',
      );
    }
    return this.keytar;
  }

  async get(account: string): Promise<Buffer | null> {
    const keytar = await this.load();
    try {
      const stored = await keytar.getPassword(this.service, account);
      return stored === null ? null : Buffer.from(stored, 'base64');
    } catch (error) {
      throw explainKeychainError(error);
    }
  }

  async set(account: string, secret: Buffer): Promise<void> {
    const keytar = await this.load();
    try {
      await keytar.setPassword(this.service, account, secret.toString('base64'));
    } catch (error) {
      throw explainKeychainError(error);
    }
  }

  async delete(account: string): Promise<void> {
    const keytar = await this.load();
    try {
      await keytar.deletePassword(this.service, account);
    } catch (error) {
      throw explainKeychainError(error);
    }
  }
}
