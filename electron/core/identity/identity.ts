/**
 * The person at this machine: a display name and email, and a device key pair (Ed25519
 * to sign, X25519 to receive keys) created on first launch. The private keys stay with
 * the vault's key source (the OS keychain); only the public identity leaves.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Profile, PublicIdentity } from '../../../shared/model/team';
import { BridgeError } from '../../../shared/bridge/errors';
import type { MetaTable } from '../db/meta';
import type { Vault } from '../vault/vault';
import { deserializeDeviceKeys, fingerprintOf, generateDeviceKeys, serializeDeviceKeys, type DeviceKeys } from '../crypto/device-keys';
import { personProblem } from './identity-text';

const DEVICE_KEYS = 'device-keys';

export class Identity {
  private deviceKeys: DeviceKeys | null = null;
  /** The public identity, built once per change of name or email (every rights check reads it). */
  private identity: PublicIdentity | null = null;

  constructor(
    private readonly meta: MetaTable,
    private readonly vault: Vault,
  ) {}

  /** Loads the device keys, creating them on first launch. Needs an unlocked vault. */
  async load(): Promise<void> {
    if (this.deviceKeys || !this.vault.isUnlocked) return;
    const stored = await this.vault.loadDeviceSecret(DEVICE_KEYS);
    if (stored) {
      this.deviceKeys = deserializeDeviceKeys(stored);
      return;
    }
    if (this.meta.get('member_id')) {
      throw new BridgeError(
        'keychain_unavailable',
        'Your device keys are missing from the keychain, so you can no longer sign changes or open team secrets. Ask an Admin to remove and re-add you with a new identity.',
      );
    }
    const keys = generateDeviceKeys();
    await this.vault.storeDeviceSecret(DEVICE_KEYS, serializeDeviceKeys(keys));
    this.meta.set('member_id', keys.memberId);
    this.deviceKeys = keys;
  }

  get isLoaded(): boolean {
    return this.deviceKeys !== null;
  }

  /** Throws the clear reason the device keys can't be used yet (the vault is locked or has no keychain). */
  requireLoaded(): void {
    if (this.deviceKeys) return;
    this.vault.requireUnlocked();
    throw new BridgeError('vault_locked', 'Your device keys are not loaded yet; unlock the vault first.');
  }

  get keys(): DeviceKeys {
    this.requireLoaded();
    return this.deviceKeys!;
  }

  get memberId(): string {
    return this.keys.memberId;
  }

  /** The chosen name; until one is chosen, the computer account's full name (or its user name). */
  get name(): string {
    return this.meta.get('profile_name') ?? accountName();
  }

  get named(): boolean {
    return this.meta.get('profile_name') !== undefined;
  }

  get email(): string {
    return this.meta.get('profile_email') ?? '';
  }

  profile(): Profile {
    const keys = this.keys;
    return { name: this.name, email: this.email, named: this.named, memberId: keys.memberId, fingerprint: fingerprintOf(keys) };
  }

  update(name: string, email: string): Profile {
    const problem = personProblem(name, email);
    if (problem) throw new BridgeError('invalid_request', problem.message, problem.field);
    this.meta.setMany({ profile_name: name.trim(), profile_email: email.trim() });
    this.identity = null;
    return this.profile();
  }

  publicIdentity(): PublicIdentity {
    if (!this.identity) {
      const { memberId, signingKey, boxKey } = this.keys;
      this.identity = { memberId, name: this.name, email: this.email, signingKey, boxKey };
    }
    return this.identity;
  }
}

/**
 * The computer account's full name where the system keeps one (the GECOS field of
 * /etc/passwd on Linux and other Unix systems), else its user name.
 */
export function accountName(passwd: () => string = () => readFileSync('/etc/passwd', 'utf8')): string {
  const { username, uid } = userInfo();
  if (process.platform !== 'win32') {
    try {
      const entry = passwd()
        .split('\n')
        .map((line) => line.split(':'))
        .find((fields) => fields[0] === username || (uid >= 0 && fields[2] === String(uid)));
      const fullName = entry?.[4]?.split(',')[0]?.trim();
      if (fullName && fullName !== username) return fullName;
    } catch {
      // No passwd file (macOS keeps names elsewhere): the user name will do.
    }
  }
  return username;
}
