/**
 * The user-data folder holds the database (sealed values, run history), its WAL and
 * shared memory, and the logs: readable by this user only. The folder is 0700 even when
 * it already existed (mkdir's mode applies only to a new one), and each file 0600 — set
 * on existing files, and created so before SQLite opens the database, since SQLite gives
 * the WAL and shared-memory files the database file's own mode. (On Windows, modes are
 * not how access is granted: the user profile's ACL is.)
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates `file` 0600 if it is missing, and makes it 0600 if it is not. */
export function privateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** The database and the files SQLite keeps beside it. */
export function privateDatabaseFiles(database: string): void {
  privateFile(database);
  for (const companion of [`${database}-wal`, `${database}-shm`, `${database}-journal`]) if (existsSync(companion)) chmodSync(companion, PRIVATE_FILE_MODE);
}
