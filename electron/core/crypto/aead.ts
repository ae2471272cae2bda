/** AES-256-GCM with associated data: the one authenticated cipher Keyflow uses. */
import { createCipheriv, createDecipheriv, type KeyObject } from 'node:crypto';

export const GCM_NONCE = 12;
export const GCM_TAG = 16;

export function gcmSeal(key: KeyObject | Buffer, nonce: Buffer, plaintext: Buffer, aad: Buffer): [sealed: Buffer, tag: Buffer] {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [sealed, cipher.getAuthTag()];
}

/** Throws when the key, nonce, associated data or ciphertext don't match. */
export function gcmOpen(key: KeyObject | Buffer, nonce: Buffer, sealed: Buffer, tag: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}
