/** The environment each workflow last ran in (or was set to) on this machine: the builder's selector starts there. */
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';

export class RunPreferences {
  private readonly prepare: Prepare;

  constructor(
    db: Db,
    private readonly workspaceId: string,
  ) {
    this.prepare = statementCache(db);
  }

  get(workflowId: string): string | null {
    return (
      this.prepare<[string, string], { environment_id: string }>('SELECT environment_id FROM run_preferences WHERE workspace_id = ? AND workflow_id = ?').get(
        this.workspaceId,
        workflowId,
      )?.environment_id ?? null
    );
  }

  set(workflowId: string, environmentId: string): void {
    // Every run sets it: the same environment again writes nothing (no page, no commit).
    this.prepare(
      `INSERT INTO run_preferences (workspace_id, workflow_id, environment_id) VALUES (?, ?, ?)
       ON CONFLICT (workspace_id, workflow_id) DO UPDATE SET environment_id = excluded.environment_id
       WHERE run_preferences.environment_id != excluded.environment_id`,
    ).run(this.workspaceId, workflowId, environmentId);
  }
}
