import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

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
  // Deleted and overwritten content is zeroed, not left in free pages: a credential converted
  // to a key (or a workflow deleted) leaves no copy of the old text in the file.
  db.pragma('secure_delete = ON');
  migrate(db);
  return db;
}

/**
 * Applies the migrations this database lacks, each in its own transaction. Foreign keys
 * are off meanwhile (SQLite's way of rebuilding a table others reference: dropping the old
 * one would otherwise cascade) and every reference is checked before they are back on.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    db.close();
    throw new DatabaseTooNewError(current, migrations.length);
  }
  if (current === migrations.length) return;
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < migrations.length; version++) {
      db.transaction(() => {
        const migration = migrations[version]!;
        if (typeof migration === 'string') db.exec(migration);
        else migration(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`Migration ${version + 1} left ${broken.length} broken references.`);
        db.pragma(`user_version = ${version + 1}`);
      })();
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
