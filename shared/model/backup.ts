/** Encrypted backups: what a restore would change, and the schedule of automatic backups. Never a value. */

/** The file name ending of a Keyflow backup. */
export const BACKUP_FILE_EXTENSION = '.kfbackup';

/** How many names a preview lists per kind and change (the counts are always complete). */
export const PREVIEW_NAMES_MAX = 50;

/** What a restore does to one kind of thing, merging by id. */
export interface RestoreChanges {
  added: number;
  replaced: number;
  unchanged: number;
  /** The first PREVIEW_NAMES_MAX names of those added and of those replaced. */
  addedNames: string[];
  replacedNames: string[];
}

export interface RestorePreview {
  /** Pass it to backups.restore to carry out exactly this restore (it expires after 10 minutes). */
  previewId: string;
  backup: { createdAt: string; workspaceName: string; workspaceKind: 'personal' | 'team'; includesRuns: boolean };
  /** A backup is always restored into this machine's personal workspace. */
  into: { id: string; name: string };
  keys: RestoreChanges;
  environments: RestoreChanges;
  variables: RestoreChanges;
  workflows: RestoreChanges;
  /** null when the backup holds no run history. */
  runs: RestoreChanges | null;
  /** Restored names already used here by something else get " (restored)". */
  renamed: { kind: 'key' | 'environment' | 'variable'; from: string; to: string }[];
}

export interface RestoreResult {
  keys: number;
  environments: number;
  variables: number;
  workflows: number;
  runs: number;
}

export interface BackupSchedule {
  enabled: boolean;
  folder: string | null;
  /** When the last automatic or manual backup was written (ISO time), or null. */
  lastBackupAt: string | null;
  /** Why the last automatic backup failed (e.g. the folder is gone), or null. */
  lastError: string | null;
  /** When the next automatic backup is due, when they are on. */
  nextBackupAt: string | null;
  /** Whether a backup passphrase is kept in the keychain for automatic backups. */
  hasPassphrase: boolean;
}

/** Automatic backups keep this many files in their folder, the newest. */
export const SCHEDULED_BACKUPS_KEPT = 7;
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;
