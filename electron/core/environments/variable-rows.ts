/**
 * Plain variables as this machine holds them: written by the variable store's own changes,
 * and by a team workspace's projection (which says what each row was projected from).
 */
import { nameKey, type Variable } from '../../../shared/model/environment';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';

export interface VariableRow extends Variable {
  createdAt: string;
  updatedAt: string;
}

interface StoredRow {
  id: string;
  name: string;
  vals: string;
  created_at: string;
  updated_at: string;
}

const fromRow = (row: StoredRow): VariableRow => ({
  id: row.id,
  name: row.name,
  values: JSON.parse(row.vals) as Record<string, string>,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class VariableRows {
  private readonly prepare: Prepare;

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
  ) {
    this.prepare = statementCache(db);
  }

  list(): VariableRow[] {
    return this.prepare<[string], StoredRow>('SELECT id, name, vals, created_at, updated_at FROM variables WHERE workspace_id = ? ORDER BY name_key')
      .all(this.workspaceId)
      .map(fromRow);
  }

  get(id: string): VariableRow | null {
    const row = this.prepare<[string, string], StoredRow>('SELECT id, name, vals, created_at, updated_at FROM variables WHERE workspace_id = ? AND id = ?').get(
      this.workspaceId,
      id,
    );
    return row ? fromRow(row) : null;
  }

  /** The variable with this name (compared without regard to case), if any. */
  named(name: string): VariableRow | null {
    const row = this.prepare<[string, string], StoredRow>('SELECT id, name, vals, created_at, updated_at FROM variables WHERE workspace_id = ? AND name_key = ?').get(
      this.workspaceId,
      nameKey(name),
    );
    return row ? fromRow(row) : null;
  }

  /** Writes a variable; `source` says what a team projection made it from (null: changed here). */
  put(row: VariableRow, source: string | null = null): void {
    this.prepare(
      `INSERT INTO variables (workspace_id, id, name, name_key, vals, created_at, updated_at, replica_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, vals = excluded.vals,
         created_at = excluded.created_at, updated_at = excluded.updated_at, replica_of = excluded.replica_of`,
    ).run(this.workspaceId, row.id, row.name, nameKey(row.name), JSON.stringify(row.values), row.createdAt, row.updatedAt, source);
  }

  remove(id: string): boolean {
    return this.prepare('DELETE FROM variables WHERE workspace_id = ? AND id = ?').run(this.workspaceId, id).changes > 0;
  }

  /** What each row was projected from (null: changed here since). */
  sources(): Map<string, string | null> {
    return new Map(
      this.prepare<[string], { id: string; replica_of: string | null }>('SELECT id, replica_of FROM variables WHERE workspace_id = ?')
        .all(this.workspaceId)
        .map((row) => [row.id, row.replica_of]),
    );
  }

  /** Gives these rows placeholder names: a projection may swap two names, which one write at a time can't. */
  park(ids: Iterable<string>): void {
    const park = this.prepare('UPDATE variables SET name_key = char(0) || id WHERE workspace_id = ? AND id = ?');
    for (const id of ids) park.run(this.workspaceId, id);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
