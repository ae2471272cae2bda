/**
 * Automatic local backups: off until the user turns them on with a folder and a passphrase
 * (kept beside the master key: the OS keychain, never on disk in plain). Once a day the
 * personal workspace is backed up into the folder as keyflow-<time>.kfbackup, and only the
 * newest 7 such files are kept. A folder that is gone (an unplugged drive, a deleted
 * folder) is reported in the status and tried again at the next check; nothing else stops.
 * The clock and the timer are injected, so tests move time instead of waiting for it.
 */
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { newPassphraseProblem } from '../../../shared/model/vault';
import { BACKUP_FILE_EXTENSION, BACKUP_INTERVAL_MS, SCHEDULED_BACKUPS_KEPT, type BackupSchedule } from '../../../shared/model/backup';
import { BridgeError } from '../../../shared/bridge/errors';
import type { MetaTable } from '../db/meta';

/** How often the schedule looks whether a backup is due (a sleeping laptop misses timers). */
const CHECK_EVERY_MS = 60 * 60 * 1000;
const SCHEDULED_NAME = /^keyflow-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.kfbackup$/;

interface Settings {
  enabled: boolean;
  folder: string | null;
}

export interface ScheduleDeps {
  meta: MetaTable;
  now: () => Date;
  /** Calls `run` after `ms`; returns how to cancel it. */
  setTimer(run: () => void, ms: number): () => void;
  /** Writes a backup of the personal workspace to `path`. */
  backUp(path: string, passphrase: string): Promise<void>;
  passphrase: { load(): Promise<string | null>; store(passphrase: string): Promise<void>; forget(): Promise<void> };
  onError?(error: unknown): void;
}

export function scheduledFileName(at: Date): string {
  return `keyflow-${at.toISOString().replace(/:/g, '-').replace('.', '-')}${BACKUP_FILE_EXTENSION}`;
}

export class BackupScheduler {
  private cancel: (() => void) | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: ScheduleDeps) {}

  private settings(): Settings {
    const stored = this.deps.meta.get('backup_schedule');
    return stored ? (JSON.parse(stored) as Settings) : { enabled: false, folder: null };
  }

  async status(): Promise<BackupSchedule> {
    const { enabled, folder } = this.settings();
    const last = this.deps.meta.get('backup_last_at') ?? null;
    const lastScheduled = this.deps.meta.get('backup_last_scheduled_at');
    const next = enabled ? new Date(lastScheduled ? Date.parse(lastScheduled) + BACKUP_INTERVAL_MS : this.deps.now().getTime()).toISOString() : null;
    return {
      enabled,
      folder,
      lastBackupAt: last,
      lastError: this.deps.meta.get('backup_last_error') ?? null,
      nextBackupAt: next,
      hasPassphrase: (await this.deps.passphrase.load()) !== null,
    };
  }

  /** Turns automatic backups on (a folder that exists, and a passphrase unless one is kept) or off (the kept passphrase is forgotten). */
  async configure(change: { enabled: boolean; folder?: string; passphrase?: string }): Promise<BackupSchedule> {
    if (!change.enabled) {
      this.deps.meta.set('backup_schedule', JSON.stringify({ ...this.settings(), enabled: false } satisfies Settings));
      await this.deps.passphrase.forget();
      this.stop();
      return this.status();
    }
    const folder = change.folder ?? this.settings().folder;
    if (!folder) throw new BridgeError('invalid_request', 'Choose the folder automatic backups go to.', 'folder');
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new BridgeError('not_found', `The folder ${folder} does not exist.`, 'folder');
    if (change.passphrase !== undefined) {
      const problem = newPassphraseProblem(change.passphrase);
      if (problem) throw new BridgeError('invalid_request', problem, 'passphrase');
      await this.deps.passphrase.store(change.passphrase);
    } else if ((await this.deps.passphrase.load()) === null) {
      throw new BridgeError('invalid_request', 'Choose the passphrase automatic backups are encrypted with.', 'passphrase');
    }
    this.deps.meta.set('backup_schedule', JSON.stringify({ enabled: true, folder } satisfies Settings));
    this.deps.meta.delete('backup_last_error');
    this.start();
    return this.status();
  }

  /** Starts the timer (when backups are on): a backup now if one is due, then a check every hour. */
  start(): void {
    this.stop();
    if (!this.settings().enabled) return;
    const tick = () => {
      void this.runDue().finally(() => {
        if (this.cancel) this.cancel = this.deps.setTimer(tick, CHECK_EVERY_MS);
      });
    };
    this.cancel = this.deps.setTimer(tick, 0);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  /** Stops the timer and lets a backup being written finish. */
  async close(): Promise<void> {
    this.stop();
    await this.running;
  }

  /** Backs up if one is due; one at a time. Resolves when done (tests await it). */
  runDue(): Promise<void> {
    this.running ??= this.backUpIfDue().finally(() => (this.running = null));
    return this.running;
  }

  private async backUpIfDue(): Promise<void> {
    const { enabled, folder } = this.settings();
    if (!enabled || !folder) return;
    const now = this.deps.now();
    const last = this.deps.meta.get('backup_last_scheduled_at');
    if (last && now.getTime() - Date.parse(last) < BACKUP_INTERVAL_MS) return;
    try {
      if (!existsSync(folder))
        throw new BridgeError(
          'not_found',
          `The backup folder ${folder} is gone (deleted, renamed or on a drive that is not connected). Automatic backups resume when it is back, or choose another folder.`,
        );
      const passphrase = await this.deps.passphrase.load();
      if (passphrase === null) throw new BridgeError('not_found', 'The passphrase for automatic backups is no longer in the keychain: set it again.');
      await this.deps.backUp(join(folder, scheduledFileName(now)), passphrase);
      this.deps.meta.set('backup_last_scheduled_at', now.toISOString());
      this.deps.meta.delete('backup_last_error');
      this.prune(folder);
    } catch (error) {
      this.deps.meta.set('backup_last_error', error instanceof BridgeError ? error.message : 'The automatic backup could not be written.');
      this.deps.onError?.(error);
    }
  }

  /** Keeps the newest SCHEDULED_BACKUPS_KEPT automatic backups; files Keyflow didn't name so are never touched. */
  private prune(folder: string): void {
    const ours = readdirSync(folder)
      .filter((name) => SCHEDULED_NAME.test(name))
      .sort();
    for (const name of ours.slice(0, Math.max(0, ours.length - SCHEDULED_BACKUPS_KEPT))) unlinkSync(join(folder, name));
  }
}
