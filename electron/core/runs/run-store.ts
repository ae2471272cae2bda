import type { Run, RunSummary, StepResult } from '../../../shared/model/run';
import type { RunStatus } from '../../../shared/model/workflow';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';

interface RunRow {
  id: string;
  workflow_id: string;
  workflow_name: string;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  steps: string;
}

/** Runs left 'running' by a process that died are marked failed at the next start. */
export function failInterruptedRuns(db: Db, at: string): void {
  db.prepare("UPDATE runs SET status = 'failed', finished_at = ? WHERE status IN ('pending', 'running')").run(at);
}

/** Run history of one workspace. Everything stored here has already been through the redactor. */
export class RunStore {
  private readonly prepare: Prepare;

  constructor(
    db: Db,
    private readonly workspaceId: string,
  ) {
    this.prepare = statementCache(db);
  }

  save(run: Run): void {
    this.prepare(
        `INSERT INTO runs (id, workspace_id, workflow_id, status, started_at, finished_at, steps) VALUES (@id, @workspaceId, @workflowId, @status, @startedAt, @finishedAt, @steps)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at, steps = excluded.steps`,
      )
      .run({ id: run.id, workspaceId: this.workspaceId, workflowId: run.workflowId, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt, steps: JSON.stringify(run.steps) });
  }

  get(id: string): Run {
    const row = this.prepare<[string, string], RunRow>(
        'SELECT r.*, w.name AS workflow_name FROM runs r JOIN workflows w ON w.workspace_id = r.workspace_id AND w.id = r.workflow_id WHERE r.workspace_id = ? AND r.id = ?',
      )
      .get(this.workspaceId, id);
    if (!row) throw new BridgeError('not_found', 'That run no longer exists.', 'id');
    return {
      id: row.id,
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      status: row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      steps: JSON.parse(row.steps) as StepResult[],
    };
  }

  list(workflowId: string, limit = 50): RunSummary[] {
    return this.prepare<[string, string, number], RunRow>('SELECT id, status, started_at, finished_at FROM runs WHERE workspace_id = ? AND workflow_id = ? ORDER BY started_at DESC LIMIT ?')
      .all(this.workspaceId, workflowId, limit)
      .map((row) => ({ id: row.id, status: row.status, startedAt: row.started_at, finishedAt: row.finished_at }));
  }
}
