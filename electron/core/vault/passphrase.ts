/** The explicit alternative to the keychain: a passphrase the user chooses, stretched with scrypt. */
import { createSecretKey, randomBytes, scrypt as scryptCallback, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

export interface PassphraseKdf {
  salt: string;
  N: number;
  r: number;
  p: number;
}

// 2^17 × 8 × 128 B = 128 MiB and ~0.3 s per derivation: OWASP's scrypt recommendation.
const DEFAULT_COST = { N: 2 ** 17, r: 8, p: 1 };

export function newKdf(): PassphraseKdf {
  return { salt: randomBytes(16).toString('base64'), ...DEFAULT_COST };
}

/** scrypt over the passphrase in NFC (so it is the same however a keyboard composes it): `length` bytes. */
export function stretchPassphrase(passphrase: string, kdf: PassphraseKdf, length: number): Promise<Buffer> {
  const maxmem = 128 * kdf.N * kdf.r * 2;
  return scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), length, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem });
}

export async function deriveWrappingKey(passphrase: string, kdf: PassphraseKdf): Promise<KeyObject> {
  const raw = await stretchPassphrase(passphrase, kdf, 32);
  const key = createSecretKey(raw);
  raw.fill(0);
  return key;
}
