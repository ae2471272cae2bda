/**
 * Reading and writing the workspace file (real files in a temporary folder). A sync
 * compares the file it finds with the hash it wrote or read last, so both must agree
 * byte for byte, and the size limit must hold exactly, however the read is buffered.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSafely, writeFileAtomically } from '../../../electron/core/team/file/file-io';

const folder = mkdtempSync(join(tmpdir(), 'keyflow-file-io-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the workspace file on disk', () => {
  it('reads back exactly what was written, with the hash the write returned', async () => {
    const path = join(folder, 'Team.keyflow');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 2000 }), async (text) => {
        const written = writeFileAtomically(path, text);
        const read = await readFileSafely(path);
        expect(read).toMatchObject({ kind: 'text', hash: written });
        expect(read.kind === 'text' && read.text).toBe(text);
      }),
      { numRuns: 50 },
    );
  });

  it('reads a file of exactly the size limit, and refuses one a byte over it unread', async () => {
    const path = join(folder, 'Limit.keyflow');
    const text = `{"é":"${'x'.repeat(5000)}"}`;
    writeFileSync(path, text);
    const size = Buffer.byteLength(text);
    const atLimit = await readFileSafely(path, size);
    expect(atLimit.kind === 'text' && atLimit.text).toBe(text);
    expect(await readFileSafely(path, size - 1)).toEqual({ kind: 'problem', message: expect.stringContaining('more than') });
  });

  it('hashes the bytes of the file, not a re-encoding of its text', async () => {
    // Invalid UTF-8 decodes to U+FFFD: the hash must still be of what is on disk.
    const path = join(folder, 'Bytes.keyflow');
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    writeFileSync(path, bytes);
    const read = await readFileSafely(path);
    expect(read).toMatchObject({ kind: 'text', hash: createHash('sha256').update(bytes).digest('hex') });
  });
});
