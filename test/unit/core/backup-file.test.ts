/** The backup file's parser on bad input: every refusal is a BackupFileError that names the problem, never a crash or a partial payload. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKUP_MAGIC, BackupFileError, decryptBackup, encryptBackup, readBackupHeader, type BackupFileProblem } from '../../../electron/core/backup/backup-file';
import { backOffMs } from '../../../electron/core/backup/attempt-limiter';

const PASSPHRASE = 'a passphrase of some length';
const CHEAP = { cost: { N: 2 ** 10, r: 8, p: 1 }, chunkBytes: 1024 };
const payload = Buffer.from(JSON.stringify({ hello: 'x'.repeat(5000) }));

async function problemOf(file: Buffer, passphrase = PASSPHRASE): Promise<BackupFileProblem | 'opened'> {
  try {
    await decryptBackup(file, passphrase);
    return 'opened';
  } catch (error) {
    if (error instanceof BackupFileError) return error.problem;
    throw error;
  }
}

/** The same file with its header JSON replaced, the checksum made to match (as a careful forger would). */
function withHeader(file: Buffer, edit: (header: Record<string, unknown>) => unknown): Buffer {
  const length = file.readUInt32BE(16);
  const header = JSON.parse(file.subarray(20, 20 + length).toString('utf8')) as Record<string, unknown>;
  const json = Buffer.from(JSON.stringify(edit(header)));
  const lead = Buffer.from(file.subarray(0, 20));
  lead.writeUInt32BE(json.length, 16);
  const authenticated = Buffer.concat([lead, json]);
  return Buffer.concat([authenticated, createHash('sha256').update(authenticated).digest(), file.subarray(20 + length + 32)]);
}

describe('backup file format', () => {
  it('round-trips a payload across several chunks, and starts with its magic and format', async () => {
    const file = await encryptBackup(payload, PASSPHRASE, CHEAP);
    expect(file.subarray(0, BACKUP_MAGIC.length).toString()).toBe('KEYFLOW-BACKUP\n');
    expect(file[15]).toBe(1);
    expect(readBackupHeader(file).header).toMatchObject({ kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 }, chunkBytes: 1024 });
    expect((await decryptBackup(file, PASSPHRASE)).equals(payload)).toBe(true);
    expect(file.includes(Buffer.from('xxxxxxxx'))).toBe(false);
  });

  it('refuses every truncation of a file', async () => {
    const file = await encryptBackup(payload, PASSPHRASE, CHEAP);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: file.length - 1 }), async (length) => {
        expect(['not-a-backup', 'truncated', 'damaged-header', 'damaged-payload']).toContain(await problemOf(file.subarray(0, length)));
      }),
      { numRuns: 150 },
    );
    // Cut exactly at a chunk's end: the last part present is not marked last.
    const headerEnd = 20 + file.readUInt32BE(16) + 64;
    expect(await problemOf(file.subarray(0, headerEnd + 4 + 1024 + 16))).toBe('truncated');
  });

  it('refuses any single flipped bit, by the part it lands in', async () => {
    const file = await encryptBackup(payload, PASSPHRASE, CHEAP);
    const headerEnd = 20 + file.readUInt32BE(16);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: file.length - 1 }), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const copy = Buffer.from(file);
        copy[at]! ^= 1 << bit;
        const problem = await problemOf(copy);
        if (at < 15) expect(problem).toBe('not-a-backup');
        else if (at === 15) expect(problem).toBe('unsupported-format');
        else if (at < headerEnd + 32)
          expect(problem).toBe('damaged-header'); // the header or its checksum
        else if (at < headerEnd + 64)
          expect(problem).toBe('wrong-passphrase'); // the MAC can't tell a wrong passphrase from a changed MAC
        else expect(['damaged-payload', 'truncated']).toContain(problem);
      }),
      { numRuns: 300 },
    );
  });

  it('says a wrong passphrase is wrong, and refuses parts swapped, dropped or appended', async () => {
    const file = await encryptBackup(payload, PASSPHRASE, CHEAP);
    expect(await problemOf(file, 'another passphrase')).toBe('wrong-passphrase');
    const start = 20 + file.readUInt32BE(16) + 64;
    const part = 4 + 1024 + 16;
    const [first, second, rest] = [file.subarray(start, start + part), file.subarray(start + part, start + 2 * part), file.subarray(start + 2 * part)];
    const head = file.subarray(0, start);
    expect(await problemOf(Buffer.concat([head, second, first, rest]))).toBe('damaged-payload');
    expect(await problemOf(Buffer.concat([head, second, rest]))).toBe('damaged-payload');
    expect(await problemOf(Buffer.concat([file, file.subarray(start, start + part)]))).toBe('damaged-payload');
  });

  it('refuses a header a forger rewrote with a matching checksum: costs out of bounds are refused before any key is derived, the rest by the MAC', async () => {
    const file = await encryptBackup(payload, PASSPHRASE, CHEAP);
    const refused = async (edit: (h: Record<string, unknown>) => unknown) => {
      try {
        await decryptBackup(withHeader(file, edit), PASSPHRASE);
      } catch (error) {
        return error instanceof BackupFileError ? `${error.problem}: ${error.message}` : 'crash';
      }
      return 'opened';
    };
    const kdf = (h: Record<string, unknown>) => h.kdf as Record<string, unknown>;
    expect(await refused((h) => ({ ...h, kdf: { ...kdf(h), N: 2 ** 30 } }))).toMatch(/^damaged-header: .*kdf\.N/);
    expect(await refused((h) => ({ ...h, kdf: { ...kdf(h), N: 3000 } }))).toMatch(/^damaged-header: .*power of 2/);
    expect(await refused((h) => ({ ...h, kdf: { ...kdf(h), name: 'pbkdf2' } }))).toMatch(/^damaged-header/);
    expect(await refused((h) => ({ ...h, chunkBytes: 2 ** 30 }))).toMatch(/^damaged-header/);
    expect(await refused((h) => ({ ...h, extra: true }))).toMatch(/^damaged-header/);
    expect(await refused(() => 'not an object')).toMatch(/^damaged-header/);
    expect(await refused((h) => ({ ...h, chunkBytes: 2048 }))).toMatch(/^wrong-passphrase/);
    const huge = Buffer.from(file);
    huge.writeUInt32BE(100_000, 16);
    expect(await problemOf(huge)).toBe('damaged-header');
    const future = Buffer.from(file);
    future[15] = 2;
    await expect(decryptBackup(future, PASSPHRASE)).rejects.toThrow('This backup is in format 2, which this Keyflow can’t read (it reads format 1). Update Keyflow to restore it.');
  });

  it('backs off wrong passphrases: 3 free, then doubling from 2 s, at most 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 13, 30].map(backOffMs)).toEqual([0, 0, 0, 2000, 4000, 8000, 900_000, 900_000]);
  });
});
