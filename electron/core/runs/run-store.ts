import { runDurationMs, summaryOfRun, type Run, type RunEnvironmentLabel, type RunLabel, type RunSummary, type RunTrigger, type StepResult } from '../../../shared/model/run';
import type { RunStatus } from '../../../shared/model/workflow';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';

interface SummaryRow {
  id: string;
  status: RunStatus;
  trigger: RunTrigger;
  started_at: string;
  finished_at: string | null;
  failed_step_index: number | null;
  failed_step_name: string | null;
  environment: string | null;
}

interface RunRow extends SummaryRow {
  workflow_id: string;
  workflow_name: string;
  steps: string;
}

function environmentOf(row: { environment: string | null }): { environment?: RunEnvironmentLabel } {
  return row.environment ? { environment: JSON.parse(row.environment) as RunEnvironmentLabel } : {};
}

function summaryOfRow(row: SummaryRow): RunSummary {
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    ...environmentOf(row),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: runDurationMs(row.started_at, row.finished_at),
    failedStep: row.failed_step_index === null ? null : { index: row.failed_step_index, name: row.failed_step_name ?? '' },
  };
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
    const failed = summaryOfRun(run).failedStep;
    this.prepare(
      `INSERT INTO runs (id, workspace_id, workflow_id, status, trigger, environment, started_at, finished_at, failed_step_index, failed_step_name, steps)
         VALUES (@id, @workspaceId, @workflowId, @status, @trigger, @environment, @startedAt, @finishedAt, @failedIndex, @failedName, @steps)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at, failed_step_index = excluded.failed_step_index,
         failed_step_name = excluded.failed_step_name, steps = excluded.steps`,
    ).run({
      id: run.id,
      workspaceId: this.workspaceId,
      workflowId: run.workflowId,
      status: run.status,
      trigger: run.trigger,
      environment: run.environment ? JSON.stringify(run.environment) : null,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      failedIndex: failed?.index ?? null,
      failedName: failed?.name ?? null,
      steps: JSON.stringify(run.steps),
    });
  }

  get(id: string): Run {
    const row = this.prepare<[string, string], RunRow>(
      'SELECT r.*, w.name AS workflow_name FROM runs r JOIN workflows w ON w.workspace_id = r.workspace_id AND w.id = r.workflow_id WHERE r.workspace_id = ? AND r.id = ?',
    ).get(this.workspaceId, id);
    if (!row) throw new BridgeError('not_found', 'That run no longer exists.', 'id');
    return {
      id: row.id,
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      status: row.status,
      trigger: row.trigger,
      ...environmentOf(row),
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      steps: JSON.parse(row.steps) as StepResult[],
    };
  }

  list(workflowId: string, limit = 50): RunSummary[] {
    return this.prepare<[string, string, number], SummaryRow>(
      'SELECT id, status, trigger, environment, started_at, finished_at, failed_step_index, failed_step_name FROM runs WHERE workspace_id = ? AND workflow_id = ? ORDER BY started_at DESC LIMIT ?',
    )
      .all(this.workspaceId, workflowId, limit)
      .map(summaryOfRow);
  }

  /** The workflow, time and trigger of each run that still exists (`ids` in any order; unknown ids are left out). */
  labels(ids: readonly string[]): RunLabel[] {
    if (ids.length === 0) return [];
    return this.prepare<[string, string], { id: string; workflow_id: string; workflow_name: string; started_at: string; trigger: RunTrigger }>(
      `SELECT r.id, r.workflow_id, w.name AS workflow_name, r.started_at, r.trigger
         FROM runs r JOIN workflows w ON w.workspace_id = r.workspace_id AND w.id = r.workflow_id
        WHERE r.workspace_id = ? AND r.id IN (SELECT value FROM json_each(?))`,
    )
      .all(this.workspaceId, JSON.stringify(ids))
      .map((row) => ({ id: row.id, workflowId: row.workflow_id, workflowName: row.workflow_name, startedAt: row.started_at, trigger: row.trigger }));
  }
}
