/**
 * Value versions in a team workspace (issue 15): a roll back is a value change that syncs like
 * any other, sealed for whoever may use the key now — never for someone whose access was
 * revoked. Real instances (own user-data dir, SQLite file, keychain entries) sharing a file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/model/run';
import type { SecretBody } from '../../electron/core/team/records/record-bodies';
import { canaryValue, leakedForms } from '../support/canary';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { definition, httpStep, s, t } from '../support/steps';
import { castOfPeople, converge, createTeam, invite, storedValueOf, type Person } from '../support/team';

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

const cast = castOfPeople('team-versions');

async function runOnce(who: Person, secretId: string): Promise<Run> {
  const workflow = await who.call('workflows.create', { name: `Send ${Math.random()}` });
  await who.call('workflows.save', {
    id: workflow.id,
    name: workflow.name,
    definition: definition(httpStep('Send', { url: t(`${echo.url}/hook`), auth: { kind: 'bearer', token: s(secretId) } })),
  });
  const runId = (await who.call('runs.start', { workflowId: workflow.id })).id;
  for (;;) {
    const run = await who.call('runs.get', { id: runId });
    if (run.status !== 'running' && run.status !== 'pending') return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('value versions in a team workspace', () => {
  it('a roll back syncs to a member who may use the key, and is not wrapped for one whose access was revoked', async () => {
    const [ann, bob, cat] = await cast('Ann', 'Bob', 'Cat');
    const sync = await createTeam(ann!);
    await invite(ann!, bob!, 'editor', sync);
    await invite(ann!, cat!, 'editor', sync);
    const members = new Map((await ann!.call('team.get', {})).members.map((m) => [m.name, m.memberId]));
    const use = (name: string) => ({ principal: { kind: 'member' as const, id: members.get(name)! }, level: 'use' as const });

    const [v1, v2] = [canaryValue('team-v1'), canaryValue('team-v2')];
    const key = await ann!.call('secrets.create', { name: 'Payments', value: v1, access: { kind: 'restricted', grants: [use('Bob'), use('Cat')] } });
    await ann!.call('secrets.updateValue', { id: key.id, value: v2 });
    await converge([ann!, bob!, cat!], sync);
    expect((await cat!.call('secrets.list', {})).map((k) => k.name)).toEqual(['Payments']);

    await ann!.call('secrets.setAccess', { id: key.id, access: { kind: 'restricted', grants: [use('Bob')] } });
    const rolled = await ann!.call('secrets.rollback', { id: key.id, environmentId: 'default', version: 1 });
    expect(rolled.values[0]!.valueVersion).toBe(3);
    await converge([ann!, bob!, cat!], sync);

    const record = sync.readParsed(ann!).records.find((r) => r.id === key.id)!;
    const stored = storedValueOf(record.body as unknown as SecretBody);
    expect(stored.valueVersion).toBe(3);
    expect(Object.keys(stored.value.wraps).sort()).toEqual([members.get('Ann')!, members.get('Bob')!].sort());
    expect(Object.keys(stored.value.wraps)).not.toContain(members.get('Cat'));

    const run = await runOnce(bob!, key.id);
    expect(run.status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${v1}`);
    expect(await cat!.call('secrets.list', {})).toEqual([]);
    // Each machine lists the versions it holds: Bob received the key at version 2, so version 1 was never his to keep.
    expect((await bob!.call('secrets.versions', { id: key.id })).map((v) => [v.version, v.current])).toEqual([
      [3, true],
      [2, false],
    ]);
    expect((await ann!.call('secrets.versions', { id: key.id })).map((v) => v.version)).toEqual([3, 2, 1]);
    expect((await ann!.call('audit.list', { secretId: key.id })).map((e) => e.detail)).toContain('Rolled back to version 1 in Default (now version 3)');
    for (const value of [v1, v2]) expect(leakedForms(readFileSync(sync.pathFor(ann!)), value)).toEqual([]);
  });

  it('carries rotation dates in the shared file, and keeps deleted team keys out of Recently deleted (restore says why)', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann!);
    await invite(ann!, bob!, 'editor', sync);
    const key = await ann!.call('secrets.create', { name: 'Dated', value: canaryValue('dated'), expiresAt: '2030-01-02', rotationDays: 45 });
    await converge([ann!, bob!], sync);
    expect((await bob!.call('secrets.list', {})).map((k) => [k.expiresAt, k.rotationDays])).toEqual([['2030-01-02T00:00:00.000Z', 45]]);

    await ann!.call('secrets.delete', { id: key.id });
    expect(await ann!.call('secrets.recentlyDeleted', {})).toEqual([]);
    expect(await ann!.fail('secrets.restore', { id: key.id })).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('shared history has recorded the deletion'),
    });
  });
});
