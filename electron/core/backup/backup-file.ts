/**
 * The encrypted backup file (format 1), documented in docs/ARCHITECTURE.md ("Backups"):
 *
 *   magic "KEYFLOW-BACKUP\n" (15) · format (1 byte) · header length n (u32 BE) · header (n bytes of JSON:
 *   kdf, salt, nonce prefix, chunk size) · SHA-256 of everything before it (32) · HMAC-SHA256 of the
 *   same under the passphrase's MAC key (32) · chunks: [u32 BE length L][L bytes AES-256-GCM][16 tag]…
 *
 * scrypt stretches the passphrase into 64 bytes: an encryption key and a MAC key. Chunk i is
 * sealed with nonce = prefix ‖ u32 i and associated data = header bytes ‖ u32 i ‖ final flag,
 * so a reordered, dropped, appended or truncated chunk fails, and so does any header change.
 * The SHA-256 tells a damaged header from a wrong passphrase before any key is derived; the
 * HMAC tells a wrong passphrase from a damaged payload.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { gcmOpen, gcmSeal, GCM_TAG } from '../crypto/aead';
import { stretchPassphrase, type PassphraseKdf } from '../vault/passphrase';

export const BACKUP_MAGIC = Buffer.from('KEYFLOW-BACKUP\n', 'ascii');
export const BACKUP_FORMAT = 1;
const PREFIX = BACKUP_MAGIC.length + 1 + 4;
const DIGEST = 32;
const MAX_HEADER = 4096;
const DEFAULT_CHUNK = 1024 * 1024;
const MAX_CHUNK = 16 * 1024 * 1024;
/** The cost the app writes: OWASP's scrypt recommendation, as the passphrase vault. */
export const BACKUP_KDF_COST = { N: 2 ** 17, r: 8, p: 1 };

export type BackupFileProblem = 'not-a-backup' | 'unsupported-format' | 'damaged-header' | 'wrong-passphrase' | 'damaged-payload' | 'truncated';

export class BackupFileError extends Error {
  constructor(
    readonly problem: BackupFileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'BackupFileError';
  }
}

const headerSchema = z
  .object({
    kdf: z
      .object({
        name: z.literal('scrypt'),
        // Bounded so a file can't make Keyflow spend gigabytes or minutes before its MAC is checked.
        N: z
          .number()
          .int()
          .min(2 ** 10)
          .max(2 ** 20)
          .refine((n) => (n & (n - 1)) === 0, 'must be a power of 2'),
        r: z.number().int().min(1).max(16),
        p: z.number().int().min(1).max(4),
        salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/, 'must be 16 bytes of base64'),
      })
      .strict(),
    nonce: z.string().regex(/^[A-Za-z0-9+/]{11}=$/, 'must be 8 bytes of base64'),
    chunkBytes: z.number().int().min(1024).max(MAX_CHUNK),
  })
  .strict();
type BackupHeader = z.infer<typeof headerSchema>;

interface Keys {
  encryption: Buffer;
  mac: Buffer;
}

async function deriveKeys(passphrase: string, kdf: BackupHeader['kdf']): Promise<Keys> {
  const raw = await stretchPassphrase(passphrase, { salt: kdf.salt, N: kdf.N, r: kdf.r, p: kdf.p } satisfies PassphraseKdf, 64);
  return { encryption: raw.subarray(0, 32), mac: raw.subarray(32) };
}

function chunkNonce(prefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, 8);
  return nonce;
}

function chunkAad(header: Buffer, index: number, final: boolean): Buffer {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index, 0);
  tail[4] = final ? 1 : 0;
  return Buffer.concat([header, tail]);
}

export interface EncryptOptions {
  /** scrypt's cost; tests lower it, the app always writes BACKUP_KDF_COST. */
  cost?: { N: number; r: number; p: number };
  chunkBytes?: number;
}

/** Encrypts `payload` under `passphrase` into a whole backup file. */
export async function encryptBackup(payload: Buffer, passphrase: string, options: EncryptOptions = {}): Promise<Buffer> {
  const header: BackupHeader = {
    kdf: { name: 'scrypt', ...(options.cost ?? BACKUP_KDF_COST), salt: randomBytes(16).toString('base64') },
    nonce: randomBytes(8).toString('base64'),
    chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK,
  };
  const headerJson = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(PREFIX);
  BACKUP_MAGIC.copy(lead);
  lead[BACKUP_MAGIC.length] = BACKUP_FORMAT;
  lead.writeUInt32BE(headerJson.length, BACKUP_MAGIC.length + 1);
  const authenticated = Buffer.concat([lead, headerJson]);
  const keys = await deriveKeys(passphrase, header.kdf);
  const parts: Buffer[] = [authenticated, createHash('sha256').update(authenticated).digest(), createHmac('sha256', keys.mac).update(authenticated).digest()];
  const prefix = Buffer.from(header.nonce, 'base64');
  const count = Math.max(1, Math.ceil(payload.length / header.chunkBytes));
  for (let index = 0; index < count; index++) {
    const plain = payload.subarray(index * header.chunkBytes, (index + 1) * header.chunkBytes);
    const [sealed, tag] = gcmSeal(keys.encryption, chunkNonce(prefix, index), plain, chunkAad(authenticated, index, index === count - 1));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(sealed.length);
    parts.push(length, sealed, tag);
  }
  keys.encryption.fill(0);
  keys.mac.fill(0);
  return Buffer.concat(parts);
}

/** The header, checked against its digest: what can be read before the passphrase is tried. */
export function readBackupHeader(file: Buffer): { header: BackupHeader; authenticated: Buffer } {
  if (file.length < PREFIX || !file.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
    throw new BackupFileError('not-a-backup', 'This file is not a Keyflow backup (it does not start as one).');
  }
  const format = file[BACKUP_MAGIC.length]!;
  if (format !== BACKUP_FORMAT) {
    throw new BackupFileError(
      'unsupported-format',
      `This backup is in format ${format}, which this Keyflow can’t read (it reads format ${BACKUP_FORMAT}). Update Keyflow to restore it.`,
    );
  }
  const length = file.readUInt32BE(BACKUP_MAGIC.length + 1);
  if (length > MAX_HEADER) throw new BackupFileError('damaged-header', 'This backup’s header is damaged (its length is impossible): the file was altered or corrupted.');
  if (file.length < PREFIX + length + 2 * DIGEST)
    throw new BackupFileError('truncated', 'This backup file is cut short (it ends inside its header): it was not copied completely.');
  const authenticated = file.subarray(0, PREFIX + length);
  if (
    !createHash('sha256')
      .update(authenticated)
      .digest()
      .equals(file.subarray(PREFIX + length, PREFIX + length + DIGEST))
  ) {
    throw new BackupFileError('damaged-header', 'This backup’s header is damaged or was altered (its checksum does not match). Nothing was restored.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(authenticated.subarray(PREFIX).toString('utf8'));
  } catch {
    throw new BackupFileError('damaged-header', 'This backup’s header is not readable. Nothing was restored.');
  }
  const header = headerSchema.safeParse(parsed);
  if (!header.success)
    throw new BackupFileError('damaged-header', `This backup’s header is not valid (${header.error.issues[0]!.path.join('.')}: ${header.error.issues[0]!.message}).`);
  return { header: header.data, authenticated };
}

/** Checks the passphrase and authenticates every chunk; returns the payload only when all of it is intact. */
export async function decryptBackup(file: Buffer, passphrase: string): Promise<Buffer> {
  const { header, authenticated } = readBackupHeader(file);
  const keys = await deriveKeys(passphrase, header.kdf);
  try {
    const macAt = authenticated.length + DIGEST;
    const expected = createHmac('sha256', keys.mac).update(authenticated).digest();
    if (!timingSafeEqual(expected, file.subarray(macAt, macAt + DIGEST))) {
      throw new BackupFileError('wrong-passphrase', 'That passphrase does not open this backup.');
    }
    const prefix = Buffer.from(header.nonce, 'base64');
    const chunks: Buffer[] = [];
    let at = macAt + DIGEST;
    for (let index = 0; ; index++) {
      if (at + 4 > file.length)
        throw new BackupFileError('truncated', 'This backup file is cut short (its last part is missing): it was not copied completely. Nothing was restored.');
      const length = file.readUInt32BE(at);
      if (length > header.chunkBytes)
        throw new BackupFileError('damaged-payload', 'This backup is damaged or was altered (a part has an impossible length). Nothing was restored.');
      const end = at + 4 + length + GCM_TAG;
      if (end > file.length) throw new BackupFileError('truncated', 'This backup file is cut short (it ends inside a part): it was not copied completely. Nothing was restored.');
      const sealed = file.subarray(at + 4, at + 4 + length);
      const tag = file.subarray(at + 4 + length, end);
      const final = end === file.length;
      try {
        chunks.push(gcmOpen(keys.encryption, chunkNonce(prefix, index), sealed, tag, chunkAad(authenticated, index, final)));
      } catch {
        if (!final) {
          try {
            // The last part, with something after it: bytes were appended.
            gcmOpen(keys.encryption, chunkNonce(prefix, index), sealed, tag, chunkAad(authenticated, index, true));
            throw new BackupFileError('damaged-payload', 'This backup has data after its end: it was altered. Nothing was restored.');
          } catch (error) {
            if (error instanceof BackupFileError) throw error;
          }
        }
        throw new BackupFileError(
          final ? 'truncated' : 'damaged-payload',
          final
            ? 'This backup is cut short or was altered (its last part fails authentication). Nothing was restored.'
            : 'This backup is damaged or was altered (a part fails authentication). Nothing was restored.',
        );
      }
      at = end;
      if (final) return Buffer.concat(chunks);
    }
  } finally {
    keys.encryption.fill(0);
    keys.mac.fill(0);
  }
}
