/**
 * Recently deleted keys of a personal workspace: a deleted key's row and its values, exactly
 * as they were (values still sealed under the vault, bound to this workspace, key, environment
 * and version), so it can be restored under its id — and the workflows that refer to it work
 * again — until it is purged, RECENTLY_DELETED_DAYS after its deletion. The key's earlier
 * versions stay in retired_values meanwhile. No value is opened here.
 */
import { RECENTLY_DELETED_DAYS, type DeletedKey } from '../../../shared/model/versions';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';

type Row = Record<string, unknown>;
/** A column as JSON: blobs (sealed values) as base64. */
type Cell = string | number | null | { base64: string };

const DAY_MS = 24 * 60 * 60 * 1000;

function toCells(row: Row): Record<string, Cell> {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column, Buffer.isBuffer(value) ? { base64: value.toString('base64') } : (value as Cell)]));
}

function fromCells(cells: Record<string, Cell>): Row {
  return Object.fromEntries(Object.entries(cells).map(([column, value]) => [column, value !== null && typeof value === 'object' ? Buffer.from(value.base64, 'base64') : value]));
}

function insert(prepare: Prepare, table: string, row: Row): void {
  const columns = Object.keys(row);
  prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`).run(row);
}

export class DeletedKeys {
  private readonly prepare: Prepare;

  constructor(
    db: Db,
    private readonly workspaceId: string,
  ) {
    this.prepare = statementCache(db);
  }

  /** Keeps a key that is about to be deleted (call inside the deleting transaction). */
  keep(id: string, deletedBy: string, deletedAt: Date): void {
    const secret = this.prepare<[string, string], Row>('SELECT * FROM secrets WHERE workspace_id = ? AND id = ?').get(this.workspaceId, id);
    if (!secret) return;
    const values = this.prepare<[string, string], Row>('SELECT * FROM secret_values WHERE workspace_id = ? AND secret_id = ?').all(this.workspaceId, id);
    this.prepare('INSERT OR REPLACE INTO deleted_secrets (workspace_id, id, name, deleted_at, deleted_by, secret, vals) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      this.workspaceId,
      id,
      secret.name as string,
      deletedAt.toISOString(),
      deletedBy,
      JSON.stringify(toCells(secret)),
      JSON.stringify(values.map(toCells)),
    );
  }

  list(): DeletedKey[] {
    return this.prepare<[string], { id: string; name: string; deleted_at: string; deleted_by: string; vals: string }>(
      'SELECT id, name, deleted_at, deleted_by, vals FROM deleted_secrets WHERE workspace_id = ? ORDER BY deleted_at DESC',
    )
      .all(this.workspaceId)
      .map((row) => ({
        id: row.id,
        name: row.name,
        deletedAt: row.deleted_at,
        deletedBy: row.deleted_by,
        purgeAt: new Date(Date.parse(row.deleted_at) + RECENTLY_DELETED_DAYS * DAY_MS).toISOString(),
        environmentIds: (JSON.parse(row.vals) as Record<string, Cell>[]).map((value) => value.environment_id as string),
      }));
  }

  /** The kept key's name, or null when it is not (or no longer) kept. */
  nameOf(id: string): string | null {
    return this.prepare<[string, string], { name: string }>('SELECT name FROM deleted_secrets WHERE workspace_id = ? AND id = ?').get(this.workspaceId, id)?.name ?? null;
  }

  /**
   * Puts the key back as it was (call inside a transaction), with its values in the
   * environments that still exist; returns the versions put back, by environment.
   */
  restore(id: string, environmentIds: ReadonlySet<string>): Map<string, number> {
    const row = this.prepare<[string, string], { secret: string; vals: string }>('SELECT secret, vals FROM deleted_secrets WHERE workspace_id = ? AND id = ?').get(
      this.workspaceId,
      id,
    );
    if (!row) return new Map();
    const secret = fromCells(JSON.parse(row.secret) as Record<string, Cell>);
    insert(this.prepare, 'secrets', secret);
    const restored = new Map<string, number>();
    for (const value of (JSON.parse(row.vals) as Record<string, Cell>[]).map(fromCells)) {
      if (!environmentIds.has(value.environment_id as string)) continue; // that environment was deleted since: its value stays masked only
      insert(this.prepare, 'secret_values', value);
      restored.set(value.environment_id as string, value.value_version as number);
    }
    this.prepare('DELETE FROM deleted_secrets WHERE workspace_id = ? AND id = ?').run(this.workspaceId, id);
    return restored;
  }

  /** Purges the keys deleted more than RECENTLY_DELETED_DAYS ago; returns their ids. */
  purge(now: Date): string[] {
    const before = new Date(now.getTime() - RECENTLY_DELETED_DAYS * DAY_MS).toISOString();
    const ids = this.prepare<[string, string], { id: string }>('SELECT id FROM deleted_secrets WHERE workspace_id = ? AND deleted_at <= ?')
      .all(this.workspaceId, before)
      .map((row) => row.id);
    this.prepare('DELETE FROM deleted_secrets WHERE workspace_id = ? AND deleted_at <= ?').run(this.workspaceId, before);
    return ids;
  }
}
