/**
 * The shared workspace file: one JSON document written atomically, never a live
 * database (sync services copy a database and its WAL separately and corrupt it).
 *
 *   { magic, format, workspaceId, chain: [signed membership changes],
 *     commits: [signatures over records], records: [secrets and workflows, each as JSON text],
 *     audit: [signed audit entries] }
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { chainLinkSchema } from './membership-chain';
import { auditRecordSchema, commitSchema, MAX_RECORD_TEXT } from './signed-records';

export const WORKSPACE_FILE_MAGIC = 'keyflow-workspace';
export const WORKSPACE_FILE_FORMAT = 1;
export const WORKSPACE_FILE_EXTENSION = '.keyflow';

const workspaceFileSchema = z
  .object({
    magic: z.literal(WORKSPACE_FILE_MAGIC),
    format: z.number().int(),
    workspaceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    chain: z.array(chainLinkSchema),
    commits: z.array(commitSchema),
    records: z.array(z.string().max(MAX_RECORD_TEXT)),
    audit: z.array(auditRecordSchema),
  })
  .strict();
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;

export class WorkspaceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceFileError';
  }
}

export function parseWorkspaceFile(text: string, path: string): WorkspaceFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WorkspaceFileError(`${basename(path)} is not a Keyflow workspace file (it is not valid JSON; it may be incomplete or damaged).`);
  }
  if (typeof json !== 'object' || json === null || (json as { magic?: unknown }).magic !== WORKSPACE_FILE_MAGIC) {
    throw new WorkspaceFileError(`${basename(path)} is not a Keyflow workspace file.`);
  }
  const format = (json as { format?: unknown }).format;
  if (typeof format === 'number' && format > WORKSPACE_FILE_FORMAT) {
    throw new WorkspaceFileError(`${basename(path)} was written by a newer Keyflow (format ${format}); update Keyflow to open it.`);
  }
  const parsed = workspaceFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WorkspaceFileError(`${basename(path)} is damaged: ${issue.path.join('.') || 'the file'} ${issue.message}.`);
  }
  return parsed.data;
}

export async function readWorkspaceFile(path: string): Promise<WorkspaceFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkspaceFileError(
      code === 'ENOENT' ? `The workspace file ${path} does not exist (was it moved, or not synced to this machine yet?).` : `The workspace file ${path} can't be read (${code ?? 'error'}).`,
    );
  }
  return parseWorkspaceFile(text, path);
}

const RETRIABLE = new Set(['EBUSY', 'EPERM', 'EACCES']);

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Writes the whole file or nothing: a temporary file in the same folder, fsync, then a
 * rename over the old one. Windows refuses the rename while another process (a sync
 * client, an antivirus) holds the file open, so the rename is retried for a while.
 */
export function writeWorkspaceFile(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
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
