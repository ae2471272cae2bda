/**
 * Moving to a new machine in a team workspace (issue #15): a member's new device, added by
 * an Admin, acts as that member — same role, same grants, their Restricted values — and
 * an old device, once removed, opens no value written after and signs nothing that counts.
 * Real instances: each device its own user-data dir, SQLite file and keychain entries.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/model/run';
import { finishedRun } from '../support/core';
import { KeyUnwrapper } from '../../electron/core/crypto/key-wrap';
import { unwrapDataKey } from '../../electron/core/team/team-values';
import { recordSchema } from '../../electron/core/team/records/signed-records';
import { secretBodySchema } from '../../electron/core/team/records/record-bodies';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { definition, httpStep, s, t } from '../support/steps';
import { castOfPeople, addAsDevice, converge, createTeam, invite, storedValueOf, type Person, type RawWorkspaceFile } from '../support/team';
import { deviceKeysOf, forgeLink, forgeRecords, headsOf, stampAt } from '../support/forge';

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

const cast = castOfPeople('devices');

const idOf = async (who: Person) => (await who.call('identity.get', {})).memberId;

async function runWith(who: Person, secretId: string, path: string): Promise<Run> {
  const workflow = await who.call('workflows.create', { name: `Call ${path}` });
  await who.call('workflows.save', {
    id: workflow.id,
    name: `Call ${path}`,
    definition: definition(httpStep('Send', { url: t(`${echo.url}/${path}`), auth: { kind: 'bearer', token: s(secretId) } })),
  });
  return finishedRun(who, (await who.call('runs.start', { workflowId: workflow.id })).id);
}

/** The devices a key's value is wrapped for in a file. */
function wrapsIn(file: RawWorkspaceFile, secretId: string): string[] {
  const record = file.records.map((text) => recordSchema.parse(JSON.parse(text))).find((r) => r.id === secretId);
  return record ? Object.keys(storedValueOf(secretBodySchema.parse(record.body)).value.wraps).sort() : [];
}

/** Whether `who`'s real device keys open a key's data key in `file`. */
async function opens(who: Person, file: RawWorkspaceFile, secretId: string): Promise<boolean> {
  const keys = await deviceKeysOf(who);
  const record = file.records.map((text) => recordSchema.parse(JSON.parse(text))).find((r) => r.id === secretId)!;
  const body = storedValueOf(secretBodySchema.parse(record.body));
  return unwrapDataKey(body.value, new KeyUnwrapper(keys.memberId, keys.boxKey, keys.boxPrivate), { workspaceId: file.workspaceId, secretId, version: body.valueVersion }) !== null;
}

describe('a member on a new device', () => {
  it('acts as that member once an Admin adds it — role, grants, Restricted values — and a removed old device is shut out', async () => {
    const [ann, bob, laptop, cat] = await cast('Ann', 'Bob', 'Laptop', 'Cat');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    await invite(ann, cat, 'editor', sync);
    const bobId = await idOf(bob);
    const granted = canaryValue('granted');
    const grantedKey = await ann.call('secrets.create', {
      name: 'Billing',
      value: granted,
      access: { kind: 'restricted', grants: [{ principal: { kind: 'member', id: bobId }, level: 'use' }] },
    });
    const payroll = await ann.call('secrets.create', { name: 'Payroll', value: canaryValue('payroll'), access: { kind: 'restricted', grants: [] } });
    await converge([ann, bob, cat], sync);

    // Bob's laptop is not a member on its own: opening the file says how to join.
    sync.deliver(ann, laptop);
    expect(await laptop.fail('workspaces.open', { path: sync.pathFor(laptop) })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/add it as a device of you/) });

    await addAsDevice(ann, bob, laptop, sync);
    await converge([ann, bob, laptop, cat], sync);

    // On every machine, Bob has two devices; the laptop acts as Bob.
    for (const who of [ann, bob, laptop, cat]) {
      const team = await who.call('team.get', {});
      expect(team.members.map((m) => m.name)).toEqual(['Ann', 'Bob', 'Cat']);
      expect(team.devices[bobId]!.map((d) => [d.deviceId, d.addedById])).toEqual([
        [bobId, await idOf(ann)],
        [await idOf(laptop), await idOf(ann)],
      ]);
    }
    const laptopTeam = await laptop.call('team.get', {});
    expect(laptopTeam.me).toBe(bobId);
    expect((await laptop.call('workspaces.list', {})).find((w) => w.active)).toMatchObject({ kind: 'team', myRole: 'editor' });

    // Bob's grants, no more, no less: the same keys with the same rights as on his first device.
    const rights = async (who: Person) => (await who.call('secrets.list', {})).map((k) => [k.name, k.rights]);
    expect(await rights(laptop)).toEqual(await rights(bob));
    expect((await rights(laptop)).map(([name]) => name)).toEqual(['Billing']);
    expect(await laptop.fail('secrets.rename', { id: grantedKey.id, name: 'Mine' })).toMatchObject({ code: 'forbidden' });
    expect(await laptop.fail('team.setRole', { memberId: await idOf(cat), role: 'viewer' })).toMatchObject({ code: 'forbidden' });

    // The laptop runs a workflow with the Restricted value granted to Bob: the local server receives it.
    const run = await runWith(laptop, grantedKey.id, 'from-laptop');
    expect(run.status).toBe('ok');
    expect(echo.received.at(-1)).toMatchObject({ url: '/from-laptop', headers: { authorization: `Bearer ${granted}` } });
    const denied = await runWith(laptop, payroll.id, 'payroll');
    expect(denied.status).toBe('failed');
    expect(echo.received.some((r) => r.url === '/payroll')).toBe(false);

    // What the laptop writes counts as Bob's everywhere.
    const workflow = await laptop.call('workflows.create', { name: 'Laptop flow' });
    await converge([ann, bob, laptop, cat], sync);
    expect((await ann.call('workflows.list', {})).map((w) => w.id)).toContain(workflow.id);

    // Ann removes Bob's first device.
    const oldHeads = headsOf(sync.read(bob));
    const bobKeys = await deviceKeysOf(bob);
    await ann.call('team.removeDevice', { memberId: bobId, deviceId: bobId });
    await converge([ann, laptop, cat], sync);
    for (const who of [ann, laptop, cat]) expect((await who.call('team.get', {})).devices[bobId]!.map((d) => d.deviceId)).toEqual([await idOf(laptop)]);
    expect(wrapsIn(sync.read(ann), grantedKey.id)).toEqual([await idOf(ann), await idOf(laptop)].sort());

    // The old device, synced, is told and keeps nothing.
    sync.deliver(ann, bob);
    const status = (await bob.call('workspaces.sync', {})).sync!;
    expect(status.state).toBe('removed');
    expect(status.problem).toMatch(/Ann removed this device/);
    expect(await bob.call('secrets.list', {})).toEqual([]);

    // A value written after the removal: the old device's keys can't open it; the laptop uses it.
    const after = canaryValue('after');
    await ann.call('secrets.updateValue', { id: grantedKey.id, value: after });
    await converge([ann, laptop, cat], sync);
    expect(await opens(bob, sync.read(ann), grantedKey.id)).toBe(false);
    expect(await opens(laptop, sync.read(ann), grantedKey.id)).toBe(true);
    expect((await runWith(laptop, grantedKey.id, 'after')).status).toBe('ok');
    expect(echo.received.at(-1)).toMatchObject({ url: '/after', headers: { authorization: `Bearer ${after}` } });

    // The old device's later signatures are refused: a workflow record and a chain link, on the old heads and on the new.
    const file = sync.read(ann);
    const forged = 'wf_forged_by_old_device';
    forgeRecords(file, bobKeys, headsOf(file), [
      {
        id: forged,
        kind: 'workflow',
        clock: stampAt(Date.now(), bobKeys.memberId),
        body: { name: 'Old device', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', definition: definition() },
      },
    ]);
    forgeLink(file, bobKeys, headsOf(file), [{ type: 'create-key', keyId: 'key_after', access: { kind: 'team' }, visibility: 'masked' }]);
    forgeLink(file, bobKeys, oldHeads, [{ type: 'create-key', keyId: 'key_fork', access: { kind: 'team' }, visibility: 'masked' }]);
    sync.write(ann, file);
    const refused = (await ann.call('workspaces.sync', {})).sync!;
    await converge([ann, laptop, cat], sync);
    // (The links' refusal is told by whichever sync first meets them — the folder watcher's may; the record's by every sync.)
    expect(refused.rejected.join(' ')).toMatch(/by Bob was refused: the device that signed it had been removed/);
    for (const who of [ann, laptop, cat]) {
      expect((await who.call('workflows.list', {})).map((w) => w.id)).not.toContain(forged);
      expect(who.peek("SELECT id FROM secrets WHERE id IN ('key_after', 'key_fork')")).toEqual([]);
    }

    // The laptop keeps working; no value is in plain text in any file.
    expect((await runWith(laptop, grantedKey.id, 'still')).status).toBe('ok');
    for (const value of [granted, after]) {
      expect(leakedForms(readFileSync(sync.pathFor(ann)), value)).toEqual([]);
      for (const who of [ann, bob, laptop, cat]) expect(leaksInFiles(who.userDataDir, value)).toEqual([]);
    }
  });

  it('refuses removing a member’s last device, and a device of a member removed stops counting with them', async () => {
    const [ann, bob, laptop] = await cast('Ann', 'Bob', 'Laptop');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'admin', sync);
    await addAsDevice(ann, bob, laptop, sync);
    await converge([ann, bob, laptop], sync);
    const bobId = await idOf(bob);
    const laptopId = await idOf(laptop);

    await ann.call('team.removeDevice', { memberId: bobId, deviceId: bobId });
    expect(await ann.fail('team.removeDevice', { memberId: bobId, deviceId: laptopId })).toMatchObject({
      code: 'forbidden',
      message: 'That is Bob’s only device: remove Bob instead.',
    });
    expect(await laptop.fail('team.removeDevice', { memberId: bobId, deviceId: laptopId })).toMatchObject({ code: 'invalid_request' });
    // A device is one person's: Bob's removed device can't become Ann's.
    expect(await ann.fail('team.addDevice', { memberId: await idOf(ann), identity: (await bob.call('identity.export', {})).text })).toMatchObject({
      code: 'forbidden',
      message: 'That identity is a device of Bob here: a device is one person’s.',
    });

    const key = await ann.call('secrets.create', { name: 'Team key', value: canaryValue('team') });
    await converge([ann, laptop], sync);
    expect(wrapsIn(sync.read(ann), key.id)).toEqual([await idOf(ann), laptopId].sort());
    const laptopKeys = await deviceKeysOf(laptop);
    await ann.call('team.removeMember', { memberId: bobId });
    await ann.call('workspaces.sync', {});
    const file = sync.read(ann);
    forgeLink(file, laptopKeys, headsOf(file), [{ type: 'set-settings', settings: { editorsCanCreateSecrets: false } }]);
    sync.write(ann, file);
    await ann.call('workspaces.sync', {});
    expect((await ann.call('team.get', {})).settings).toEqual({ editorsCanCreateSecrets: true });
    expect(wrapsIn(sync.read(ann), key.id)).toEqual([await idOf(ann)]);
    sync.deliver(ann, laptop);
    expect((await laptop.call('workspaces.sync', {})).sync!.state).toBe('removed');
  });
});
