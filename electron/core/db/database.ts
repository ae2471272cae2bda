import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class DatabaseTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`This data was written by a newer Keyflow (schema ${found}; this version knows up to ${known}). Update Keyflow to open it.`);
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Opens (creating if needed) the local database and brings its schema up to date.
 * WAL with synchronous=NORMAL: a crash of the app (even SIGKILL) never loses a committed
 * transaction; only an OS crash or power loss may drop the last few, never corrupting the file.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: merging a large team workspace writes tens of MB in one
  // transaction, and the default 2 MB cache would spill it to the WAL page by page.
  db.pragma('cache_size = -65536');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    db.close();
    throw new DatabaseTooNewError(current, MIGRATIONS.length);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
