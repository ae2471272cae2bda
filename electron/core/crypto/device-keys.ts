/**
 * A person's device keys: Ed25519 to sign workspace changes, X25519 to receive wrapped
 * data keys. Node's and Electron's crypto both provide them natively (Electron's
 * BoringSSL included), so no JavaScript implementation is needed.
 * The private halves are kept in the OS keychain by the identity service; public halves
 * travel as base64url of their 32 raw bytes.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export interface PublicKeys {
  signingKey: string;
  boxKey: string;
}

export interface DeviceKeys extends PublicKeys {
  memberId: string;
  signingPrivate: KeyObject;
  boxPrivate: KeyObject;
}

function rawPublic(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('Not an OKP public key.');
  return jwk.x;
}

/** The member id the public keys determine: anyone can recompute it from an identity. */
export function memberIdOf(keys: PublicKeys): string {
  return `mem_${keyDigest(keys).subarray(0, 16).toString('hex')}`;
}

function keyDigest(keys: PublicKeys): Buffer {
  return createHash('sha256').update(`keyflow/identity/v1|${keys.signingKey}|${keys.boxKey}`).digest();
}

/** 160 bits of the key digest as ten groups of four hex digits, for people to compare aloud. */
export function fingerprintOf(keys: PublicKeys): string {
  const hex = keyDigest(keys).subarray(0, 20).toString('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

function complete(signingPrivate: KeyObject, boxPrivate: KeyObject): DeviceKeys {
  const signingKey = rawPublic(createPublicKey(signingPrivate));
  const boxKey = rawPublic(createPublicKey(boxPrivate));
  return { signingKey, boxKey, memberId: memberIdOf({ signingKey, boxKey }), signingPrivate, boxPrivate };
}

export function generateDeviceKeys(): DeviceKeys {
  return complete(generateKeyPairSync('ed25519').privateKey, generateKeyPairSync('x25519').privateKey);
}

/** The private keys as bytes for the keychain (PKCS#8 DER of each, length-prefixed). */
export function serializeDeviceKeys(keys: DeviceKeys): Buffer {
  const signing = keys.signingPrivate.export({ format: 'der', type: 'pkcs8' });
  const box = keys.boxPrivate.export({ format: 'der', type: 'pkcs8' });
  return Buffer.concat([Buffer.of(signing.length), signing, Buffer.of(box.length), box]);
}

export function deserializeDeviceKeys(bytes: Buffer): DeviceKeys {
  const signingLength = bytes[0]!;
  const signing = bytes.subarray(1, 1 + signingLength);
  const box = bytes.subarray(2 + signingLength, 2 + signingLength + bytes[1 + signingLength]!);
  return complete(createPrivateKey({ key: signing, format: 'der', type: 'pkcs8' }), createPrivateKey({ key: box, format: 'der', type: 'pkcs8' }));
}

const publicKeyCache = new Map<string, KeyObject>();

/** Imports a raw public key (base64url); throws on a malformed one. Imports are cached. */
export function importPublicKey(raw: string, curve: 'Ed25519' | 'X25519'): KeyObject {
  const cacheKey = `${curve}:${raw}`;
  let key = publicKeyCache.get(cacheKey);
  if (!key) {
    if (!/^[A-Za-z0-9_-]{43}$/.test(raw)) throw new Error(`Malformed ${curve} public key.`);
    key = createPublicKey({ key: { kty: 'OKP', crv: curve, x: raw }, format: 'jwk' });
    publicKeyCache.set(cacheKey, key);
  }
  return key;
}

export function signBytes(keys: DeviceKeys, data: string): string {
  return sign(null, Buffer.from(data, 'utf8'), keys.signingPrivate).toString('base64url');
}

/** False for a bad signature, a malformed key or a malformed signature; never throws. */
export function verifySignature(signingKey: string, data: string, signature: string): boolean {
  try {
    const bytes = Buffer.from(signature, 'base64url');
    if (bytes.length !== 64) return false;
    return verify(null, Buffer.from(data, 'utf8'), importPublicKey(signingKey, 'Ed25519'), bytes);
  } catch {
    return false;
  }
}
