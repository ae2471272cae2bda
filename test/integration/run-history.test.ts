import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/keyflow-core';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { migrate } from '../../electron/core/db/database';
import { openCore, type TestCore, finishedRun } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { tempDir } from '../support/host-process';
import { codeStep, definition, httpStep, t } from '../support/steps';

let echo: EchoServer;
let core: TestCore;

beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
beforeEach(async () => {
  core = await openCore();
});
afterEach(() => core.core.close());

describe('run history', () => {
  it('lists each run with its duration, where it was started and the step it failed at; later steps are skipped, not pending', async () => {
    const workflow = await core.call('workflows.create', { name: 'Nightly' });
    await core.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(httpStep('Fetch', { url: t(`${echo.url}/ok`) }), httpStep('Post', { url: t(`${echo.url}/status/500`) }), codeStep('Summarize', 'return 1;')),
    });
    const fromApp = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id })).id);
    expect(fromApp.trigger).toBe('app');
    expect(fromApp.steps.map((step) => step.status)).toEqual(['ok', 'failed', 'skipped']);
    const fromCli = await core.core.runWorkflow('Nightly');
    expect(fromCli.trigger).toBe('cli');

    const history = await core.call('runs.list', { workflowId: workflow.id });
    expect(history.map((run) => run.id)).toEqual([fromCli.id, fromApp.id]);
    for (const [entry, run] of [
      [history[0]!, fromCli],
      [history[1]!, fromApp],
    ] as const) {
      expect(entry).toMatchObject({ status: 'failed', trigger: run.trigger, failedStep: { index: 1, name: 'Post' } });
      expect(entry.durationMs).toBe(Date.parse(run.finishedAt!) - Date.parse(run.startedAt));
    }
  });

  it('names runs by their workflow, for runs of the active workspace only', async () => {
    const workflow = await core.call('workflows.create', { name: 'Billing report' });
    await core.call('workflows.save', { id: workflow.id, name: workflow.name, definition: definition(codeStep('One', 'return 1;')) });
    const run = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id })).id);
    expect(await core.call('runs.labels', { ids: [run.id, 'run_gone'] })).toEqual([
      { id: run.id, workflowId: workflow.id, workflowName: 'Billing report', startedAt: run.startedAt, trigger: 'app' },
    ]);
    expect(await core.call('runs.labels', { ids: [] })).toEqual([]);
    expect((await core.fail('runs.labels', { ids: ['not an id!'] })).code).toBe('invalid_request');
  });

  it('adds the history columns to an existing database, finding the failed step of runs stored before', async () => {
    const dir = tempDir('migrate');
    const db = new Database(join(dir, DATABASE_FILE));
    // The schema as it was before the run history fields (schema 4; later migrations come after them).
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO workspaces (id, name, kind, created_at) VALUES ('ws_old', 'Personal', 'personal', '2026-01-01T00:00:00.000Z')").run();
    db.prepare("INSERT INTO workflows (id, workspace_id, name, definition, created_at, updated_at) VALUES ('wf_old', 'ws_old', 'Old', '{}', '', '')").run();
    const steps = (statuses: string[]) => JSON.stringify(statuses.map((status, i) => ({ stepId: `s${i}`, stepName: `Step ${i + 1}`, status })));
    const insert = db.prepare("INSERT INTO runs (id, workspace_id, workflow_id, status, started_at, finished_at, steps) VALUES (?, 'ws_old', ?, ?, ?, ?, ?)");
    insert.run('run_failed', 'wf_old', 'failed', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:02.500Z', steps(['ok', 'ok', 'failed', 'pending']));
    insert.run('run_ok', 'wf_old', 'ok', '2026-01-01T00:01:00.000Z', '2026-01-01T00:01:01.000Z', steps(['ok']));
    db.close();

    const migrated = await openCore({ userDataDir: dir });
    try {
      const rows = migrated.peek<{ id: string; trigger: string; failed_step_index: number | null; failed_step_name: string | null }>(
        'SELECT id, trigger, failed_step_index, failed_step_name FROM runs ORDER BY id',
      );
      expect(rows).toEqual([
        { id: 'run_failed', trigger: 'app', failed_step_index: 2, failed_step_name: 'Step 3' },
        { id: 'run_ok', trigger: 'app', failed_step_index: null, failed_step_name: null },
      ]);
    } finally {
      await migrated.core.close();
    }
  });
});
