/**
 * Value versions, Roll back and Recently deleted (issue 15), through the real core: the real
 * keychain, a real SQLite file, runs against a real HTTP server on 127.0.0.1, and the
 * development tripwire scanning every bridge response.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/model/run';
import type { Step } from '../../shared/model/workflow';
import { maskFor } from '../../electron/core/redaction/redactor';
import { openCore, type TestCore } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { definition, httpStep, t } from '../support/steps';

let echo: EchoServer;
let core: TestCore;

beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
beforeEach(async () => {
  core = await openCore();
  echo.received.length = 0;
});
afterEach(() => core.core.close());

async function workflow(...steps: Step[]): Promise<string> {
  const created = await core.call('workflows.create', { name: `Workflow ${Math.random()}` });
  await core.call('workflows.save', { id: created.id, name: created.name, definition: definition(...steps) });
  return created.id;
}

async function run(workflowId: string, on: TestCore = core): Promise<Run> {
  const runId = (await on.call('runs.start', { workflowId })).id;
  for (;;) {
    const current = await on.call('runs.get', { id: runId });
    if (current.status !== 'running' && current.status !== 'pending') return current;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A step sending the key as a Bearer token to /echo, which answers with the token it got. */
const bearerStep = (secretId: string) => httpStep('Call API', { url: t(`${echo.url}/echo`), auth: { kind: 'bearer', token: [{ kind: 'secret', secretId }] } });
const tokenReceived = () => echo.received.at(-1)!.headers.authorization?.replace(/^Bearer /, '');

describe('value versions and Roll back', () => {
  it('rolls back to an earlier value as a new version: the server receives the old value, the trail says so, no value is listed', async () => {
    const [v1, v2] = [canaryValue('first'), canaryValue('second')];
    const key = await core.call('secrets.create', { name: 'Stripe', value: v1, visibility: 'masked' });
    await core.call('secrets.updateValue', { id: key.id, value: v2 });
    const flow = await workflow(bearerStep(key.id));

    const before = await core.call('secrets.versions', { id: key.id });
    expect(before.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(before[1]).toMatchObject({ environmentId: 'default', setBy: key.createdBy, hint: v1.slice(-4), linked: false });
    expect(before[1]!.setAt).toBe(key.createdAt);

    const rolled = await core.call('secrets.rollback', { id: key.id, environmentId: 'default', version: 1 });
    expect(rolled.values[0]!.valueVersion).toBe(3);
    const after = await core.call('secrets.versions', { id: key.id });
    expect(after.map((v) => [v.version, v.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    for (const value of [v1, v2]) expect(leakedForms(JSON.stringify([before, after, rolled]), value)).toEqual([]);

    const result = await run(flow);
    expect(result.status).toBe('ok');
    expect(tokenReceived()).toBe(v1);
    expect(JSON.stringify(result)).toContain(maskFor('Stripe'));
    expect(leakedForms(JSON.stringify(result), v1)).toEqual([]);
    const trail = await core.call('audit.list', { secretId: key.id });
    expect(trail.map((entry) => entry.detail)).toContain('Rolled back to version 1 in Default (now version 3)');
    for (const value of [v1, v2]) expect(leaksInFiles(core.userDataDir, value)).toEqual([]);
  });

  it('keeps masking every earlier version in run output, in every environment', async () => {
    const staging = (await core.call('environments.create', { name: 'Staging' })).environments.find((e) => e.name === 'Staging')!;
    const values = [canaryValue('a'), canaryValue('b'), canaryValue('c')];
    const key = await core.call('secrets.create', { name: 'Rotated', value: values[0]!, environmentId: staging.id });
    await core.call('secrets.updateValue', { id: key.id, value: values[1]!, environmentId: staging.id });
    await core.call('secrets.updateValue', { id: key.id, value: values[2]!, environmentId: staging.id });
    const flow = await workflow(httpStep('Fetch', { url: t(echo.stash(values.join(' '), 'text/plain; charset=utf-8')) }));
    const result = await run(flow);
    expect(result.steps[0]!.response!.body).toBe(Array(3).fill(maskFor('Rotated')).join(' '));
  });

  it('refuses a version it does not keep, or a key without Manage, and changes nothing', async () => {
    const key = await core.call('secrets.create', { name: 'Only one', value: canaryValue('only') });
    const missing = await core.fail('secrets.rollback', { id: key.id, environmentId: 'default', version: 7 });
    expect(missing).toEqual({ code: 'not_found', field: 'version', message: 'Version 7 of “Only one” in Default is not kept on this computer.' });
    const current = await core.fail('secrets.rollback', { id: key.id, environmentId: 'default', version: 1 });
    expect(current.code).toBe('not_found');
    expect((await core.fail('secrets.rollback', { id: key.id, environmentId: 'nowhere', version: 1 })).field).toBe('environmentId');
    expect((await core.fail('secrets.rollback', { id: key.id, environmentId: 'default', version: 0 })).field).toBe('version');
    expect((await core.call('secrets.versions', { id: key.id })).map((v) => v.version)).toEqual([1]);
  });

  it('never reuses a version number: after a cleared value the next one goes on from the highest', async () => {
    const key = await core.call('secrets.create', { name: 'Cleared', value: canaryValue('one') });
    await core.call('secrets.updateValue', { id: key.id, value: canaryValue('two') });
    await core.call('secrets.clearValue', { id: key.id, environmentId: 'default' });
    const again = await core.call('secrets.updateValue', { id: key.id, value: canaryValue('three') });
    expect(again.values[0]!.valueVersion).toBe(3);
    expect((await core.call('secrets.versions', { id: key.id })).map((v) => v.version)).toEqual([3, 2, 1]);
  });

  it('keeps the last N earlier versions for Roll back (a workspace setting, 1–100); pruned ones stay masked', async () => {
    expect(await core.call('secrets.policy', {})).toEqual({ versionsKept: 10, refuseExpiredKeys: false });
    const values = Array.from({ length: 5 }, (_, i) => canaryValue(`v${i + 1}`));
    const key = await core.call('secrets.create', { name: 'Pruned', value: values[0]! });
    for (const value of values.slice(1)) await core.call('secrets.updateValue', { id: key.id, value });
    expect((await core.call('secrets.versions', { id: key.id })).map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);

    expect(await core.call('secrets.setPolicy', { versionsKept: 2, refuseExpiredKeys: false })).toEqual({ versionsKept: 2, refuseExpiredKeys: false });
    expect((await core.call('secrets.versions', { id: key.id })).map((v) => v.version)).toEqual([5, 4, 3]);
    await core.call('secrets.updateValue', { id: key.id, value: canaryValue('v6') });
    expect((await core.call('secrets.versions', { id: key.id })).map((v) => v.version)).toEqual([6, 5, 4]);
    expect((await core.fail('secrets.rollback', { id: key.id, environmentId: 'default', version: 2 })).code).toBe('not_found');

    for (const versionsKept of [0, 101, 2.5]) {
      const error = await core.fail('secrets.setPolicy', { versionsKept, refuseExpiredKeys: false });
      expect(error).toMatchObject({ code: 'invalid_request', field: 'versionsKept' });
    }
    expect((await core.call('secrets.policy', {})).versionsKept).toBe(2);

    const flow = await workflow(httpStep('Fetch', { url: t(echo.stash(values[0]!, 'text/plain; charset=utf-8')) }));
    expect((await run(flow)).steps[0]!.response!.body).toBe(maskFor('Pruned'));
  });

  it('numbers versions in order under any sequence of updates, roll backs and clears (property)', async () => {
    const key = await core.call('secrets.create', { name: 'Numbered', value: 'kf-property-initial-0' });
    // The model: every value each version held, and the current version (null when cleared).
    const held = new Map<number, string>([[1, 'kf-property-initial-0']]);
    let current: number | null = 1;
    let highest = 1;
    let serial = 0;
    const step = fc.oneof(
      fc.constant({ kind: 'update' as const }),
      fc.constant({ kind: 'clear' as const }),
      fc.nat({ max: 30 }).map((pick) => ({ kind: 'rollback' as const, pick })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const op of steps) {
          if (op.kind === 'update') {
            const value = `kf-property-value-${++serial}`;
            const meta = await core.call('secrets.updateValue', { id: key.id, value });
            highest += 1;
            expect(meta.values[0]!.valueVersion).toBe(highest);
            held.set(highest, value);
            current = highest;
          } else if (op.kind === 'clear') {
            if (current === null) {
              expect((await core.fail('secrets.clearValue', { id: key.id, environmentId: 'default' })).code).toBe('not_found');
              continue;
            }
            await core.call('secrets.clearValue', { id: key.id, environmentId: 'default' });
            current = null;
          } else {
            const earlier = [...held.keys()]
              .filter((version) => version !== current)
              .sort((a, b) => b - a)
              .slice(0, 10);
            if (earlier.length === 0) continue;
            const target = earlier[op.pick % earlier.length]!;
            const meta = await core.call('secrets.rollback', { id: key.id, environmentId: 'default', version: target });
            highest += 1;
            expect(meta.values[0]!.valueVersion).toBe(highest);
            held.set(highest, held.get(target)!);
            current = highest;
          }
          const listed = await core.call('secrets.versions', { id: key.id });
          const expected = [
            ...(current === null ? [] : [current]),
            ...[...held.keys()]
              .filter((v) => v !== current)
              .sort((a, b) => b - a)
              .slice(0, 10),
          ];
          expect(listed.map((v) => v.version)).toEqual(expected);
          expect(listed.filter((v) => v.current).map((v) => v.version)).toEqual(current === null ? [] : [current]);
        }
      }),
      { numRuns: 15 },
    );
    // What the last roll back or update made current is what a run sends.
    if (current !== null) {
      const flow = await workflow(bearerStep(key.id));
      expect((await run(flow)).status).toBe('ok');
      expect(tokenReceived()).toBe(held.get(current));
    }
  });
});

describe('rotation reminders in runs', () => {
  it('refuses a run with an overdue key when the workspace says so, before sending, naming step, field and key', async () => {
    const key = await core.call('secrets.create', { name: 'Expired', value: canaryValue('exp'), expiresAt: '2020-01-01' });
    expect(key.expiresAt).toBe('2020-01-01T00:00:00.000Z');
    const flow = await workflow(bearerStep(key.id));
    expect((await run(flow)).status).toBe('ok'); // a warning only, by default
    await core.call('secrets.setPolicy', { versionsKept: 10, refuseExpiredKeys: true });
    echo.received.length = 0;
    const refused = await run(flow);
    expect(refused.status).toBe('failed');
    expect(refused.steps[0]!.error!.message).toBe(
      'Step 1 “Call API”, field Bearer token: the secret key “Expired” expired on 2020-01-01, and this workspace refuses runs with expired keys. Give it a new value (or a new date), then run again. Nothing was sent.',
    );
    expect(echo.received).toEqual([]);
    await core.call('secrets.setRotation', { id: key.id, expiresAt: null, rotationDays: 30 });
    expect((await run(flow)).status).toBe('ok');
  });

  it('refuses a bad expiry date or interval with a clear message and changes nothing', async () => {
    const key = await core.call('secrets.create', { name: 'Dated', value: canaryValue('d') });
    expect(await core.fail('secrets.setRotation', { id: key.id, expiresAt: 'next tuesday', rotationDays: null })).toEqual({
      code: 'invalid_request',
      field: 'expiresAt',
      message: 'The expiry date is not a date.',
    });
    expect((await core.fail('secrets.setRotation', { id: key.id, expiresAt: null, rotationDays: 0 })).field).toBe('rotationDays');
    expect((await core.fail('secrets.create', { name: 'Other', value: canaryValue('o'), rotationDays: 1.5 })).field).toBe('rotationDays');
    const meta = (await core.call('secrets.list', {})).find((s) => s.id === key.id)!;
    expect([meta.expiresAt, meta.rotationDays]).toEqual([null, null]);
    expect((await core.call('secrets.list', {})).map((s) => s.name)).toEqual(['Dated']);
  });
});

describe('Recently deleted', () => {
  it('restores a deleted key under its id: the workflow that uses it runs again with its value', async () => {
    const value = canaryValue('restored');
    const key = await core.call('secrets.create', { name: 'Gone for now', value });
    await core.call('secrets.updateValue', { id: key.id, value: canaryValue('second') });
    await core.call('secrets.rollback', { id: key.id, environmentId: 'default', version: 1 });
    const flow = await workflow(bearerStep(key.id));
    await core.call('secrets.delete', { id: key.id });
    expect((await run(flow)).status).toBe('failed');
    const deleted = await core.call('secrets.recentlyDeleted', {});
    expect(deleted).toEqual([expect.objectContaining({ id: key.id, name: 'Gone for now', environmentIds: ['default'] })]);
    expect(Date.parse(deleted[0]!.purgeAt) - Date.parse(deleted[0]!.deletedAt)).toBe(30 * 24 * 60 * 60 * 1000);

    const restored = await core.call('secrets.restore', { id: key.id });
    expect(restored).toMatchObject({ id: key.id, name: 'Gone for now', values: [expect.objectContaining({ valueVersion: 3 })] });
    expect(await core.call('secrets.recentlyDeleted', {})).toEqual([]);
    expect((await core.call('secrets.versions', { id: key.id })).map((v) => [v.version, v.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    expect((await core.call('workflows.list', {})).find((w) => w.id === flow)!.brokenReferences).toBe(0);
    const again = await run(flow);
    expect(again.status).toBe('ok');
    expect(tokenReceived()).toBe(value);
    expect((await core.call('audit.list', { secretId: key.id })).map((entry) => entry.detail)).toContain('Restored from Recently deleted');
    expect(leaksInFiles(core.userDataDir, value)).toEqual([]);
  });

  it('refuses a restore when the name is taken now, and one that is not there, changing nothing', async () => {
    const key = await core.call('secrets.create', { name: 'Twin', value: canaryValue('t1') });
    await core.call('secrets.delete', { id: key.id });
    await core.call('secrets.create', { name: 'twin', value: canaryValue('t2') });
    expect(await core.fail('secrets.restore', { id: key.id })).toEqual({
      code: 'conflict',
      field: 'id',
      message: 'A key named “twin” exists now: rename it, then restore “Twin”.',
    });
    expect((await core.call('secrets.recentlyDeleted', {})).map((d) => d.id)).toEqual([key.id]);
    expect((await core.fail('secrets.restore', { id: 'sec_nothing' })).code).toBe('not_found');
  });

  it('purges a deleted key 30 days later (on the next start, by its clock); its values stay masked', async () => {
    const userDataDir = core.userDataDir;
    await core.core.close();
    let now = new Date('2026-03-01T12:00:00.000Z');
    core = await openCore({ userDataDir, clock: () => now });
    const value = canaryValue('purged');
    const key = await core.call('secrets.create', { name: 'Old', value });
    await core.call('secrets.delete', { id: key.id });
    await core.core.close();

    now = new Date('2026-03-31T11:00:00.000Z'); // 29 days and 23 hours later: still there
    core = await openCore({ userDataDir, clock: () => now });
    expect((await core.call('secrets.recentlyDeleted', {})).map((d) => d.id)).toEqual([key.id]);
    await core.core.close();

    now = new Date('2026-03-31T12:00:00.000Z');
    core = await openCore({ userDataDir, clock: () => now });
    expect(await core.call('secrets.recentlyDeleted', {})).toEqual([]);
    expect((await core.fail('secrets.restore', { id: key.id })).code).toBe('not_found');
    expect(core.peek('SELECT id FROM deleted_secrets')).toEqual([]);
    const flow = await workflow(httpStep('Fetch', { url: t(echo.stash(value, 'text/plain; charset=utf-8')) }));
    expect((await run(flow)).steps[0]!.response!.body).toBe(maskFor('Old'));
  });
});
