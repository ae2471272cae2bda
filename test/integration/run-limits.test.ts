/**
 * What one run may take and what happens when its progress can't be shown (issue 10,
 * findings 15 and 16).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/model/run';
import type { Step } from '../../shared/model/workflow';
import { MAX_CONCURRENT_FETCHES } from '../../electron/core/runs/fetch-slots';
import { RUN_RESPONSE_BUDGET_BYTES } from '../../electron/core/runs/send-request';
import { openCore, type TestCore } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue } from '../support/canary';
import { codeStep, definition, t } from '../support/steps';

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

async function start(...steps: Step[]): Promise<string> {
  const workflow = await core.call('workflows.create', { name: `Workflow ${Math.random()}` });
  await core.call('workflows.save', { id: workflow.id, name: workflow.name, definition: definition(...steps) });
  return (await core.call('runs.start', { workflowId: workflow.id })).id;
}

async function finished(runId: string): Promise<Run> {
  await expect.poll(async () => (await core.call('runs.get', { id: runId })).status).not.toBe('running');
  return core.call('runs.get', { id: runId });
}

describe('finding 15: a Run Code step’s fetches are capped', () => {
  it(`runs at most ${MAX_CONCURRENT_FETCHES} fetches at once; the rest wait their turn and all complete`, async () => {
    const code = `const all = []; for (let i = 0; i < 40; i++) all.push(fetch("${echo.url}/slow?ms=100").then((r) => r.status)); return (await Promise.all(all)).length;`;
    const result = await finished(await start(codeStep('Flood', code, [], { timeoutMs: 20_000 })));
    expect(result.steps[0]!.output).toBe(40);
    expect(echo.maxInFlight()).toBeLessThanOrEqual(MAX_CONCURRENT_FETCHES);
  });

  it(`keeps at most ${RUN_RESPONSE_BUDGET_BYTES / 1024 / 1024} MiB of responses per run, then refuses to fetch more`, async () => {
    const size = 1024 * 1024;
    const code = `let kept = 0; for (let i = 0; i < 70; i++) { try { kept += (await (await fetch("${echo.url}/echo?size=${size}")).text()).length; } catch (error) { return [kept, error.message]; } } return [kept, "no limit"];`;
    const result = await finished(await start(codeStep('Hoard', code, [], { timeoutMs: 30_000, memoryLimitMb: 256 })));
    const [kept, message] = result.steps[0]!.output as [number, string];
    expect(kept).toBeLessThanOrEqual(RUN_RESPONSE_BUDGET_BYTES);
    expect(message).toBe('This run has already received 64 MiB of responses, the most one run keeps. Nothing more was sent.');
  });
});

describe('finding 16: a run whose progress fails a safety check ends, failed, with nothing of it kept', () => {
  it('withholds the results instead of staying "running"', async () => {
    const personal = canaryValue('elsewhere');
    await core.call('secrets.create', { name: 'Personal key', value: personal });
    // In a team workspace the redactor knows nothing of the personal key; the tripwire (on in tests) does.
    await core.call('workspaces.create', { name: 'Team', folder: core.userDataDir });
    const reversed = [...personal].reverse().join('');
    const result = await finished(await start(codeStep('Reveal', 'return [...input.r].reverse().join("");', [{ name: 'r', value: t(reversed) }])));
    expect(result.status).toBe('failed');
    expect(result.steps[0]!.error!.message).toContain('Keyflow withheld what this run produced');
    expect(JSON.stringify(result)).not.toContain(personal);
  });
});
