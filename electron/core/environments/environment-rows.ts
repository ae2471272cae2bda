/**
 * A workspace's environments as this machine holds them, in their order: written by the
 * personal workspace's own changes, and by a team workspace's projection of its chain.
 */
import { DEFAULT_ENVIRONMENT_ID, DEFAULT_ENVIRONMENT_NAME, nameKey, type Principal } from '../../../shared/model/environment';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';

export interface EnvironmentRow {
  id: string;
  name: string;
  protected: boolean;
  runGrants: Principal[];
}

export class EnvironmentRows {
  private readonly prepare: Prepare;

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
  ) {
    this.prepare = statementCache(db);
  }

  /** A workspace starts with one environment, Default (a team's chain may say otherwise at its next sync). */
  ensureOne(): void {
    if (!this.stored()) {
      this.prepare('INSERT INTO environments (workspace_id, id, name, name_key, position) VALUES (?, ?, ?, ?, 0)').run(
        this.workspaceId,
        DEFAULT_ENVIRONMENT_ID,
        DEFAULT_ENVIRONMENT_NAME,
        nameKey(DEFAULT_ENVIRONMENT_NAME),
      );
    }
  }

  /** In order. */
  list(): EnvironmentRow[] {
    const rows = this.prepare<[string], { id: string; name: string; protected: number; run_grants: string }>(
      'SELECT id, name, protected, run_grants FROM environments WHERE workspace_id = ? ORDER BY position, id',
    ).all(this.workspaceId);
    return rows.map((row) => ({ id: row.id, name: row.name, protected: row.protected === 1, runGrants: JSON.parse(row.run_grants) as Principal[] }));
  }

  /** Writes exactly these environments, in this order; returns whether anything changed. */
  replaceAll(environments: readonly EnvironmentRow[]): boolean {
    if (JSON.stringify(this.list()) === JSON.stringify(environments)) return false;
    this.db.transaction(() => {
      this.prepare('DELETE FROM environments WHERE workspace_id = ?').run(this.workspaceId);
      const insert = this.prepare('INSERT INTO environments (workspace_id, id, name, name_key, position, protected, run_grants) VALUES (?, ?, ?, ?, ?, ?, ?)');
      environments.forEach((environment, position) =>
        insert.run(this.workspaceId, environment.id, environment.name, nameKey(environment.name), position, environment.protected ? 1 : 0, JSON.stringify(environment.runGrants)),
      );
      const alive = JSON.stringify(environments.map((environment) => environment.id));
      // Values and run preferences of environments that are gone go with them.
      this.prepare('DELETE FROM secret_values WHERE workspace_id = ? AND environment_id NOT IN (SELECT value FROM json_each(?))').run(this.workspaceId, alive);
      this.prepare('DELETE FROM run_preferences WHERE workspace_id = ? AND environment_id NOT IN (SELECT value FROM json_each(?))').run(this.workspaceId, alive);
      this.prepare(
        `UPDATE variables SET vals = (SELECT json_group_object(key, value) FROM json_each(variables.vals) WHERE key IN (SELECT value FROM json_each(?)))
         WHERE workspace_id = ?`,
      ).run(alive, this.workspaceId);
    })();
    return true;
  }

  private stored(): boolean {
    return this.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM environments WHERE workspace_id = ?').get(this.workspaceId)!.n > 0;
  }
}
