/**
 * Backing up a workspace to one encrypted file, and restoring one: a preview first (what
 * will be added, replaced, unchanged), then the restore in one transaction. Plain text
 * exists only in main-process memory between the file and the database.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BridgeError } from '../../../shared/bridge/errors';
import type { RestorePreview, RestoreResult } from '../../../shared/model/backup';
import type { Db } from '../db/database';
import type { MetaTable } from '../db/meta';
import type { Vault } from '../vault/vault';
import { PRIVATE_FILE_MODE } from '../private-files';
import { BackupFileError, decryptBackup, encryptBackup, readBackupHeader, type EncryptOptions } from './backup-file';
import { backupContentsSchema, collectBackup, type BackupContents, type BackupSource } from './backup-contents';
import { planRestore, summarize, type RestorePlan } from './restore-plan';
import { applyRestore } from './restore-apply';
import { AttemptLimiter } from './attempt-limiter';

const MAX_BACKUP_BYTES = 1024 * 1024 * 1024;
const PREVIEW_LIFETIME_MS = 10 * 60 * 1000;

export interface BackupsDeps {
  db: Db;
  meta: MetaTable;
  vault: Vault;
  now: () => Date;
  /** The personal workspace, where every restore goes. */
  personal(): { id: string; name: string };
  /** Who restores: the restored keys are theirs here. */
  me(): { id: string; name: string };
  /** After a restore: the redactor is rebuilt and the renderer told. */
  onRestored(workspaceId: string): void;
  /** Told of every value read from a backup (the development tripwire). */
  onValue?(value: string): void;
  /** scrypt's cost and the chunk size; only tests and benchmarks lower them. */
  encryption?: EncryptOptions;
}

export function toBridgeError(error: unknown): unknown {
  if (!(error instanceof BackupFileError)) return error;
  return new BridgeError(
    error.problem === 'wrong-passphrase' ? 'wrong_passphrase' : 'invalid_request',
    error.message,
    error.problem === 'wrong-passphrase' ? 'passphrase' : 'path',
  );
}

function readBackupFile(path: string): Buffer {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new BridgeError('invalid_request', `${path} is not a file.`, 'path');
    size = stat.size;
  } catch (error) {
    if (error instanceof BridgeError) throw error;
    throw new BridgeError('not_found', `There is no file at ${path}.`, 'path');
  }
  if (size > MAX_BACKUP_BYTES) throw new BridgeError('invalid_request', `${basename(path)} is larger than any Keyflow backup can be (over 1 GiB).`, 'path');
  return readFileSync(path);
}

/** Writes the file readable by this user only, whole or not at all (a temporary file renamed into place). */
export function writeBackupFile(path: string, bytes: Buffer): void {
  const folder = dirname(path);
  if (!existsSync(folder)) throw new BridgeError('not_found', `The folder ${folder} does not exist.`, 'path');
  if (existsSync(path)) throw new BridgeError('conflict', `${path} already exists: choose another name (Keyflow never writes over a file).`, 'path');
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
}

function parseContents(payload: Buffer): BackupContents {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new BridgeError('invalid_request', 'This backup opened, but what it holds is not readable: it was not made by Keyflow.', 'path');
  }
  const parsed = backupContentsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BridgeError('invalid_request', `This backup opened, but what it holds is not valid (${issue.path.join('.')}: ${issue.message}). Nothing was restored.`, 'path');
  }
  return parsed.data;
}

function allValues(contents: BackupContents): string[] {
  return [...contents.secrets.flatMap((secret) => secret.values.flatMap((entry) => (entry.value === undefined ? [] : [entry.value]))), ...contents.retired.map((r) => r.value)];
}

export class Backups {
  private readonly limiter: AttemptLimiter;
  private pending: { id: string; contents: BackupContents; expires: number } | null = null;

  constructor(private readonly deps: BackupsDeps) {
    this.limiter = new AttemptLimiter(deps.meta, 'backup_attempts', deps.now);
  }

  /** Collects the workspace as this person holds it and writes it, encrypted, to `path`. */
  async backUp(path: string, passphrase: string, source: BackupSource, includeRuns: boolean): Promise<{ path: string; createdAt: string }> {
    this.deps.vault.requireUnlocked();
    const now = this.deps.now();
    const contents = collectBackup(this.deps.db, this.deps.vault, source, { includeRuns, now });
    const bytes = await encryptBackup(Buffer.from(JSON.stringify(contents), 'utf8'), passphrase, this.deps.encryption);
    writeBackupFile(path, bytes);
    this.deps.meta.set('backup_last_at', now.toISOString());
    return { path, createdAt: now.toISOString() };
  }

  /** Opens the backup (rate-limited) and says what restoring it would change; nothing is changed. */
  async preview(path: string, passphrase: string): Promise<RestorePreview> {
    this.deps.vault.requireUnlocked();
    this.limiter.check();
    const file = readBackupFile(path);
    let payload: Buffer;
    try {
      readBackupHeader(file);
      payload = await decryptBackup(file, passphrase);
    } catch (error) {
      if (error instanceof BackupFileError && error.problem === 'wrong-passphrase') this.limiter.failed();
      throw toBridgeError(error);
    }
    this.limiter.succeeded();
    const contents = parseContents(payload);
    for (const value of allValues(contents)) this.deps.onValue?.(value);
    const plan = this.plan(contents);
    this.pending = { id: randomBytes(12).toString('base64url'), contents, expires: this.deps.now().getTime() + PREVIEW_LIFETIME_MS };
    return {
      previewId: this.pending.id,
      backup: { createdAt: contents.createdAt, workspaceName: contents.workspace.name, workspaceKind: contents.workspace.kind, includesRuns: contents.runs !== null },
      into: this.deps.personal(),
      keys: summarize(plan.secrets),
      environments: summarize(plan.environments),
      variables: summarize(plan.variables),
      workflows: summarize(plan.workflows),
      runs: plan.runs && summarize(plan.runs),
      renamed: plan.renamed,
    };
  }

  /** Restores what a preview opened, planned again against the rows as they are now, in one transaction. */
  restore(previewId: string): RestoreResult {
    this.deps.vault.requireUnlocked();
    const pending = this.pending;
    if (!pending || pending.id !== previewId || pending.expires < this.deps.now().getTime()) {
      throw new BridgeError('not_found', 'This preview has expired or was replaced by another: open the backup again to see what it would change.', 'previewId');
    }
    const writer = { seal: this.deps.vault.seal.bind(this.deps.vault), me: this.deps.me(), now: this.deps.now() };
    let result: RestoreResult;
    try {
      result = this.deps.db.transaction(() => applyRestore(this.deps.db, this.plan(pending.contents), writer))();
    } catch (error) {
      if (error instanceof BridgeError) throw error;
      // A backup that passed its checks but clashes with itself (e.g. two keys of one name): the transaction rolled back.
      throw new BridgeError('invalid_request', 'This backup could not be restored: what it holds contradicts itself. Nothing was changed.');
    }
    this.pending = null;
    this.deps.onRestored(this.deps.personal().id);
    return result;
  }

  private plan(contents: BackupContents): RestorePlan {
    const { id } = this.deps.personal();
    const open = (secretId: string, environmentId: string, version: number, sealed: Buffer) => {
      try {
        return this.deps.vault.open({ workspaceId: id, secretId, version, environmentId }, sealed);
      } catch {
        return null;
      }
    };
    return planRestore(this.deps.db, id, contents, open);
  }
}
