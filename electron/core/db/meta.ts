import { randomBytes } from 'node:crypto';
import type { Db } from './database';

/** The key/value settings of this user-data directory (vault id, key source, profile). */
export class MetaTable {
  private readonly select;
  private readonly upsert;

  constructor(private readonly db: Db) {
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
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
