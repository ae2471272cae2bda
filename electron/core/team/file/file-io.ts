/**
 * Reading and writing the workspace file in a folder a sync service (or git) shares,
 * where anything can appear in its place: a special file, a huge file, another
 * workspace's file, a half-written copy, temp files left by a crash.
 */
import { closeSync, constants, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';

/** Larger files are not read: a workspace of 10,000 keys shared by 20 people is about 25 MiB. */
export const MAX_WORKSPACE_FILE_BYTES = 128 * 1024 * 1024;
/** Temp files of ours older than this were left by a crash (a write takes well under a second). */
const STALE_TEMP_MS = 10 * 60 * 1000;

export type FileRead = { kind: 'absent' } | { kind: 'problem'; message: string } | FileText;

/** A file's content: its hash at once, its text decoded only when asked for (a sync that finds the file unchanged never needs it). */
export interface FileText {
  kind: 'text';
  hash: string;
  readonly text: string;
}

function readText(bytes: Buffer): FileText {
  let text: string | undefined;
  return {
    kind: 'text',
    hash: createHash('sha256').update(bytes).digest('hex'),
    get text() {
      return (text ??= bytes.toString('utf8'));
    },
  };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Reads a workspace file, refusing what isn't a regular file (opened without blocking, so
 * a FIFO can't hang the read) and what is over the size limit.
 */
export async function readFileSafely(path: string, limit = MAX_WORKSPACE_FILE_BYTES): Promise<FileRead> {
  const name = basename(path);
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'problem', message: `The workspace file ${name} can't be read (${code ?? 'error'}).` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { kind: 'problem', message: `${name} is not a regular file (${kindOf(stat)}): Keyflow did not read it. Replace it with the workspace file.` };
    if (stat.size > limit) return { kind: 'problem', message: `${name} is ${mib(stat.size)}, more than the ${mib(limit)} a workspace file may be: Keyflow did not read it.` };
    // One buffer of the size stat gave (a byte more, to notice growth), grown only if the file grows while read.
    let buffer = Buffer.allocUnsafe(stat.size + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(Math.min(buffer.length, limit + 1 - total))]);
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return { kind: 'problem', message: `${name} grew past the ${mib(limit)} a workspace file may be while it was read: Keyflow did not read it.` };
    }
    return readText(buffer.subarray(0, total));
  } catch (error) {
    return { kind: 'problem', message: `The workspace file ${name} can't be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).` };
  } finally {
    await handle.close();
  }
}

function kindOf(stat: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

const RETRIABLE = new Set(['EBUSY', 'EPERM', 'EACCES']);

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function tempPrefix(path: string): string {
  return `.${basename(path)}.`;
}

/**
 * Writes the whole file or nothing: a temporary file in the same folder, fsync, then a
 * rename over the old one. Windows refuses the rename while another process (a sync
 * client, an antivirus) holds the file open, so the rename is retried for a while.
 * Returns the hash of what it wrote (as `readFileSafely` would give it).
 */
export function writeFileAtomically(path: string, text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const temp = join(dirname(path), `${tempPrefix(path)}${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(temp, path);
      break;
    } catch (error) {
      if (!RETRIABLE.has((error as NodeJS.ErrnoException).code ?? '') || attempt >= 20) {
        rmSync(temp, { force: true });
        throw error;
      }
      sleepSync(25 * (attempt + 1));
    }
  }
  try {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Directories can't be opened for fsync on Windows; the rename is durable enough there.
  }
  return createHash('sha256').update(bytes).digest('hex');
}

/** Removes temp files of `path` that a crashed write left behind (each a whole copy of the file). */
export function removeStaleTempFiles(path: string, now = Date.now()): void {
  const prefix = tempPrefix(path);
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{12}\.tmp$/.test(name.slice(prefix.length))) continue;
    const temp = join(dirname(path), name);
    try {
      if (now - statSync(temp).mtimeMs > STALE_TEMP_MS) rmSync(temp, { force: true });
    } catch {
      // gone already
    }
  }
}

/**
 * The copies sync services make when two machines change the file at once:
 * Dropbox "name (Ann's conflicted copy 2026-01-02).keyflow", Google Drive/OneDrive
 * "name (1).keyflow" or "name-LAPTOP.keyflow", Syncthing "name.sync-conflict-….keyflow".
 */
export function conflictedCopies(path: string): string[] {
  const extension = extname(path);
  const stem = basename(path, extension);
  const escaped = stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}(?: \\(.*\\)|\\.sync-conflict-.*|-.+)${extension.replace('.', '\\.')}$`, 'i');
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  return names.filter((name) => pattern.test(name)).map((name) => join(dirname(path), name));
}
