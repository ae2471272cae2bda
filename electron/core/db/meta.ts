import { randomBytes } from 'node:crypto';
import type { Db } from './database';

/** The key/value settings of this user-data directory (vault id, key source, profile). */
export class MetaTable {
  private readonly select;
  private readonly upsert;
  private readonly remove;

  constructor(private readonly db: Db) {
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.upsert = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.remove = db.prepare<[string]>('DELETE FROM meta WHERE key = ?');
  }

  get(key: string): string | undefined {
    return this.select.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.upsert.run(key, value);
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  }

  setMany(entries: Record<string, string>): void {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(entries)) this.upsert.run(key, value);
    })();
  }

  /**
   * Sets and deletes entries in one transaction and erases what they held before: with
   * secure_delete the old bytes are zeroed in their page, and a checkpoint then writes the
   * page back and empties the WAL, where earlier copies of it would otherwise linger. For
   * key material that must stop working (a replaced recovery key, a forgotten passphrase).
   */
  replaceErasing(entries: Record<string, string>, deletions: readonly string[] = []): void {
    const secureDelete = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      this.db.transaction(() => {
        for (const key of deletions) this.remove.run(key);
        for (const [key, value] of Object.entries(entries)) this.upsert.run(key, value);
      })();
    } finally {
      this.db.pragma(`secure_delete = ${secureDelete}`);
    }
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** A random id for this vault, created on first use; it names the vault's keychain entry. */
  vaultId(): string {
    let id = this.get('vault_id');
    if (!id) {
      id = randomBytes(12).toString('base64url');
      this.set('vault_id', id);
    }
    return id;
  }
}
