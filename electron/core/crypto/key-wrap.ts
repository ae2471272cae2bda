/**
 * Wrapping a data key for a recipient's X25519 public key, the way `age` wraps a file key:
 * X25519(ephemeral, recipient) → HKDF-SHA256 → AES-256-GCM over the data key.
 *
 * One ephemeral key pair serves a whole write (a `KeyWrapper`), so re-wrapping 10,000
 * secrets for 20 members costs 20 key agreements, not 200,000; each wrap still has its
 * own nonce and associated data naming the secret, its value version and the recipient,
 * so a wrap moved to another secret or member fails to open.
 */
import { createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { GCM_NONCE, GCM_TAG, gcmOpen, gcmSeal } from './aead';
import { importPublicKey } from './device-keys';

export interface Recipient {
  memberId: string;
  boxKey: string;
}

function kek(shared: Buffer, epk: string, recipientKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(`${epk}|${recipientKey}`), 'keyflow/wrap/v1', 32));
}

function wrapAad(context: string, memberId: string): Buffer {
  return Buffer.from(`keyflow/wrap/v1|${context}|${memberId}`, 'utf8');
}

export class KeyWrapper {
  private readonly ephemeral: KeyObject;
  readonly epk: string;
  private readonly keks = new Map<string, Buffer>();
  // Nonces are drawn from one buffer of randomness at a time: a call to the CSPRNG per wrap costs more than the wrap.
  private nonces = Buffer.alloc(0);

  constructor() {
    this.ephemeral = generateKeyPairSync('x25519').privateKey;
    this.epk = createPublicKey(this.ephemeral).export({ format: 'jwk' }).x!;
  }

  /**
   * The data key sealed for one recipient: nonce ‖ sealed key ‖ tag, base64url. `context`
   * names what the key protects (workspace, secret, value version).
   */
  wrap(dataKey: Buffer, recipient: Recipient, context: string): string {
    let wrappingKey = this.keks.get(recipient.boxKey);
    if (!wrappingKey) {
      const shared = diffieHellman({ privateKey: this.ephemeral, publicKey: importPublicKey(recipient.boxKey, 'X25519') });
      wrappingKey = kek(shared, this.epk, recipient.boxKey);
      this.keks.set(recipient.boxKey, wrappingKey);
    }
    if (this.nonces.length < GCM_NONCE) this.nonces = randomBytes(GCM_NONCE * 1024);
    const nonce = this.nonces.subarray(0, GCM_NONCE);
    this.nonces = this.nonces.subarray(GCM_NONCE);
    const [sealed, tag] = gcmSeal(wrappingKey, nonce, dataKey, wrapAad(context, recipient.memberId));
    return Buffer.concat([nonce, sealed, tag]).toString('base64url');
  }
}

/** Opens wraps addressed to one member; key agreements are cached per ephemeral key. */
export class KeyUnwrapper {
  private readonly keks = new Map<string, Buffer>();

  constructor(
    readonly memberId: string,
    private readonly boxKey: string,
    private readonly boxPrivate: KeyObject,
  ) {}

  /** Opens a wrap made with ephemeral key `epk` for this member; throws when it fails to open. */
  unwrap(epk: string, wrapped: string, context: string): Buffer {
    let wrappingKey = this.keks.get(epk);
    if (!wrappingKey) {
      const shared = diffieHellman({ privateKey: this.boxPrivate, publicKey: importPublicKey(epk, 'X25519') });
      wrappingKey = kek(shared, epk, this.boxKey);
      this.keks.set(epk, wrappingKey);
    }
    const bytes = Buffer.from(wrapped, 'base64url');
    if (bytes.length < GCM_NONCE + GCM_TAG + 1) throw new Error('Malformed wrapped key.');
    return gcmOpen(wrappingKey, bytes.subarray(0, GCM_NONCE), bytes.subarray(GCM_NONCE, -GCM_TAG), bytes.subarray(-GCM_TAG), wrapAad(context, this.memberId));
  }
}
