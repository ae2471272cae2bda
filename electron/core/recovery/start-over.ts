/**
 * Starting over with a new vault, when the old one can't be opened (no key, no recovery
 * key): the whole database is first copied aside, in the Keyflow data folder, so the old
 * vault can still be opened if its key turns up (rename the copy to keyflow.db in a data
 * folder of its own); then every table is emptied, and the vault is set up as on a first
 * launch. Nothing is deleted that the copy doesn't hold.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StartOverPreview } from '../../../shared/model/recovery';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import type { MetaTable } from '../db/meta';
import { privateFile } from '../private-files';

const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;

export function setAsideFileName(vaultId: string): string {
  return `keyflow-set-aside-${vaultId}.db`;
}

export function startOverPreview(db: Db, meta: MetaTable): StartOverPreview {
  return {
    secretKeys: count(db, 'SELECT count(*) AS n FROM secrets'),
    workflows: count(db, 'SELECT count(*) AS n FROM workflows'),
    runs: count(db, 'SELECT count(*) AS n FROM runs'),
    teamWorkspaces: (db.prepare("SELECT name FROM workspaces WHERE kind = 'team' ORDER BY lower(name)").all() as { name: string }[]).map((row) => row.name),
    setAsideFile: setAsideFileName(meta.vaultId()),
  };
}

/** Copies the database aside (0600) and empties every table; returns the copy's path. */
export function setAsideAndEmpty(db: Db, meta: MetaTable, userDataDir: string): string {
  const copy = join(userDataDir, setAsideFileName(meta.vaultId()));
  if (existsSync(copy)) throw new BridgeError('conflict', `${copy} already exists: move it elsewhere, then start over again.`);
  privateFile(copy);
  db.prepare('VACUUM INTO ?').run(copy);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").pluck().all() as string[];
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const table of tables) db.prepare(`DELETE FROM "${table.replace(/"/g, '""')}"`).run();
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  return copy;
}
