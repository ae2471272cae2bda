/**
 * Team workspaces with real parts: two and three Keyflow instances (separate user-data
 * dirs, SQLite files and keychain entries) sharing one workspace file through folders a
 * simulated sync service keeps in step, and a real HTTP server the runs call.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedRun } from '../support/core';
import { KeyUnwrapper } from '../../electron/core/crypto/key-wrap';
import { deserializeDeviceKeys } from '../../electron/core/crypto/device-keys';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import { unwrapDataKey } from '../../electron/core/team/team-values';
import type { SecretBody } from '../../electron/core/team/records/record-bodies';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { definition, httpStep, s, t } from '../support/steps';
import { castOfPeople, converge, createTeam, invite, storedValueOf, type Person, type SyncService } from '../support/team';

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

const cast = castOfPeople('team');

/** A workflow that sends the secret to the echo server as a bearer token. */
async function workflowUsing(who: Person, secretId: string, name = 'Call API') {
  const workflow = await who.call('workflows.create', { name });
  return who.call('workflows.save', {
    id: workflow.id,
    name,
    definition: definition(httpStep('Send', { url: t(`${echo.url}/hook`), auth: { kind: 'bearer', token: s(secretId) } })),
  });
}

/** The device keys of a person, read back from the OS keychain the way Keyflow stores them. */
async function deviceKeysOf(who: Person) {
  const vaultId = who.peek<{ value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")[0]!.value;
  const bytes = await new KeytarKeyStore().get(`device-keys:${vaultId}`);
  return deserializeDeviceKeys(bytes!);
}

/** A key's value in the Default environment as the file carries it (sealed and wrapped, with its version and hint). */
function secretRecord(sync: SyncService, who: Person, secretId: string) {
  const record = sync.readParsed(who).records.find((r) => r.id === secretId)!;
  return storedValueOf(record.body as unknown as SecretBody);
}

describe('team workspaces', () => {
  it('invites a member by their public identity; a Team key reaches them and their runs use it', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);

    const team = await bob.call('team.get', {});
    expect(team.members.map((m) => [m.name, m.role])).toEqual([
      ['Ann', 'owner'],
      ['Bob', 'editor'],
    ]);
    expect((await bob.call('workspaces.list', {})).find((w) => w.active)).toMatchObject({ kind: 'team', myRole: 'editor' });

    const value = canaryValue('team');
    const key = await ann.call('secrets.create', { name: 'Stripe', value, visibility: 'masked' });
    expect(key.values[0]!.hint).toBe(value.slice(-4));
    await converge([ann, bob], sync);

    const seen = await bob.call('secrets.list', {});
    expect(seen.map((k) => [k.name, k.createdBy, k.rights])).toEqual([['Stripe', 'Ann', { see: true, use: true, manage: false }]]);
    const workflow = await workflowUsing(bob, key.id);
    const run = await finishedRun(bob, (await bob.call('runs.start', { workflowId: workflow.id })).id);
    expect(run.status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${value}`);

    // Bob may use it but not manage it: main refuses even though the UI would hide the menu.
    expect(await bob.fail('secrets.rename', { id: key.id, name: 'Mine' })).toMatchObject({ code: 'forbidden' });
    // Neither the shared file nor anything in either user-data dir (databases, WAL, logs) holds the value in any encoding.
    expect(leakedForms(readFileSync(sync.pathFor(ann)), value)).toEqual([]);
    for (const who of [ann, bob]) expect(leaksInFiles(who.userDataDir, value)).toEqual([]);
  });

  it('keeps a Restricted key from a member without a grant: not listed, run refused, value not decryptable from the file', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    const value = canaryValue('restricted');
    const key = await ann.call('secrets.create', { name: 'Payroll', value, access: { kind: 'restricted', grants: [] } });
    const workflow = await workflowUsing(ann, key.id, 'Payroll run');
    await converge([ann, bob], sync);

    expect(await bob.call('secrets.list', {})).toEqual([]);
    // Its workflow shows it as restricted rather than deleted; nothing else about it is told.
    expect(await bob.call('secrets.restrictedIds', {})).toEqual([key.id]);
    expect(await bob.fail('secrets.usage', { id: key.id })).toMatchObject({ code: 'not_found' });
    const run = await finishedRun(bob, (await bob.call('runs.start', { workflowId: workflow.id })).id);
    expect(run.status).toBe('failed');
    expect(run.steps[0]!.error!.message).toMatch(/restricted secret key you have no access to/);
    expect(echo.received.some((r) => r.headers.authorization?.includes(value))).toBe(false);

    // With the project's own code and Bob's real device keys, the file's value can't be opened.
    const keys = await deviceKeysOf(bob);
    const body = secretRecord(sync, bob, key.id);
    const context = { workspaceId: sync.read(bob).workspaceId, secretId: key.id, version: 1 };
    const bobsUnwrapper = new KeyUnwrapper(keys.memberId, keys.boxKey, keys.boxPrivate);
    expect(unwrapDataKey(body.value, bobsUnwrapper, context)).toBeNull();
    expect(Object.keys(body.value.wraps)).toEqual([(await ann.call('identity.get', {})).memberId]);

    // Granting Use lets Bob run it; revoking re-keys the value without him.
    await ann.call('secrets.setAccess', { id: key.id, access: { kind: 'restricted', grants: [{ principal: { kind: 'member', id: keys.memberId }, level: 'use' }] } });
    await converge([ann, bob], sync);
    expect((await bob.call('secrets.list', {})).map((k) => [k.name, k.values[0]!.hint])).toEqual([['Payroll', value.slice(-4)]]);
    // A Restricted key's hint never goes into the shared file; Bob's machine derived it from the value.
    expect(secretRecord(sync, bob, key.id).hint).toBeNull();
    expect((await finishedRun(bob, (await bob.call('runs.start', { workflowId: workflow.id })).id)).status).toBe('ok');
    const granted = secretRecord(sync, bob, key.id);
    expect(unwrapDataKey(granted.value, bobsUnwrapper, context)).not.toBeNull();

    await ann.call('secrets.setAccess', { id: key.id, access: { kind: 'restricted', grants: [] } });
    await converge([ann, bob], sync);
    const revoked = secretRecord(sync, bob, key.id);
    expect(revoked.value.data).not.toBe(granted.value.data); // a new data key
    expect(unwrapDataKey(revoked.value, bobsUnwrapper, context)).toBeNull();
    expect(await bob.call('secrets.list', {})).toEqual([]);
  });

  it('grants through groups, with Use or Manage', async () => {
    const [ann, bob, cat] = await cast('Ann', 'Bob', 'Cat');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    await invite(ann, cat, 'viewer', sync);
    const bobId = (await bob.call('identity.get', {})).memberId;
    const team = await ann.call('team.saveGroup', { name: 'Ops', memberIds: [bobId] });
    const ops = team.groups[0]!;
    const key = await ann.call('secrets.create', {
      name: 'Ops key',
      value: canaryValue('ops'),
      access: { kind: 'restricted', grants: [{ principal: { kind: 'group', id: ops.id }, level: 'manage' }] },
    });
    await converge([ann, bob, cat], sync);

    const [bobView] = await bob.call('secrets.list', {});
    expect(bobView!.rights).toEqual({ see: true, use: true, manage: true });
    expect((await bob.call('secrets.rename', { id: key.id, name: 'Ops key (prod)' })).name).toBe('Ops key (prod)');
    expect(await cat.call('secrets.list', {})).toEqual([]);
    // Viewers look but don't change or run.
    expect(await cat.fail('workflows.create', { name: 'Nope' })).toMatchObject({ code: 'forbidden' });
    expect(await cat.fail('secrets.create', { name: 'Nope', value: 'a-long-enough-value' })).toMatchObject({ code: 'forbidden' });
    // Bob's rename, signed by him under a Manage grant, reaches everyone.
    await converge([ann, bob, cat], sync);
    expect((await ann.call('secrets.list', {})).map((k) => k.name)).toEqual(['Ops key (prod)']);
  });

  it('enforces roles: an Editor can’t add members, an Admin can’t touch Owners, Editors can be kept from creating keys', async () => {
    const [ann, bob, cat] = await cast('Ann', 'Bob', 'Cat');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'admin', sync);
    await invite(ann, cat, 'editor', sync);
    await converge([ann, bob, cat], sync);
    const annId = (await ann.call('identity.get', {})).memberId;
    const catId = (await cat.call('identity.get', {})).memberId;

    expect(await cat.fail('team.setRole', { memberId: catId, role: 'admin' })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only Owners and Admins/) });
    expect(await bob.fail('team.setRole', { memberId: annId, role: 'viewer' })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Only an Owner/) });
    expect(await bob.fail('team.setRole', { memberId: catId, role: 'owner' })).toMatchObject({ code: 'forbidden' });

    await bob.call('team.setSettings', { editorsCanCreateSecrets: false });
    await converge([ann, bob, cat], sync);
    expect(await cat.fail('secrets.create', { name: 'X', value: 'some-long-value-123' })).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/Editors can’t create/),
    });
  });

  it('merges concurrent edits of the same and of different records; the loser is kept in history', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    const shared = await ann.call('workflows.create', { name: 'Shared' });
    await converge([ann, bob], sync);

    // Both edit offline: the same workflow, and one new record each.
    await ann.call('workflows.save', { id: shared.id, name: 'Shared (Ann)', definition: definition() });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await bob.call('workflows.save', { id: shared.id, name: 'Shared (Bob)', definition: definition() });
    await ann.call('secrets.create', { name: 'Ann key', value: canaryValue('a') });
    await bob.call('secrets.create', { name: 'Bob key', value: canaryValue('b') });
    await bob.call('workflows.create', { name: 'Bob only' });
    await ann.call('workspaces.sync', {});
    await bob.call('workspaces.sync', {});
    // The sync service sees both changed: Bob's version lands beside Ann's as a conflicted copy.
    const copy = sync.deliverConflicted(bob, ann);
    await converge([ann, bob], sync);

    for (const who of [ann, bob]) {
      expect((await who.call('workflows.list', {})).map((w) => w.name).sort()).toEqual(['Bob only', 'Shared (Bob)']);
      expect((await who.call('secrets.list', {})).map((k) => k.name)).toEqual(['Ann key', 'Bob key']);
    }
    expect(() => readFileSync(copy)).toThrow(); // merged, then removed
    const history = ann.peek<{ record: string }>('SELECT record FROM team_record_history WHERE id = ?', shared.id);
    expect(history.map((h) => (JSON.parse(h.record) as { body: { name: string } }).body.name)).toContain('Shared (Ann)');
  });

  it('converges three instances through stale deliveries, delays and conflicted copies without losing a change', async () => {
    const [ann, bob, cat] = await cast('Ann', 'Bob', 'Cat');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    await invite(ann, cat, 'editor', sync);
    await converge([ann, bob, cat], sync);
    const stale = sync.snapshot(cat);

    const made: string[] = [];
    for (const [index, who] of [ann, bob, cat, ann, bob, cat].entries()) {
      made.push((await who.call('workflows.create', { name: `W${index}` })).name);
      await who.call('workspaces.sync', {});
      if (index === 1) sync.deliverConflicted(bob, cat);
      if (index === 3) sync.restore(bob, stale); // a late delivery of an old copy over Bob's file
    }
    await converge([ann, bob, cat], sync);
    for (const who of [ann, bob, cat]) expect((await who.call('workflows.list', {})).map((w) => w.name).sort()).toEqual(made.sort());
  });

  it('removes a member: deletes their keys (workflows need reconfiguration), re-keys what they could use, lists what to rotate', async () => {
    const [ann, bob, cat] = await cast('Ann', 'Bob', 'Cat');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    await invite(ann, cat, 'editor', sync);
    const teamKey = await ann.call('secrets.create', { name: 'Team key', value: canaryValue('t') });
    const bobKey = await bob.call('secrets.create', { name: 'Bob key', value: canaryValue('b') });
    await converge([ann, bob, cat], sync);
    const uses = await workflowUsing(cat, bobKey.id, 'Uses Bob key');
    await converge([ann, bob, cat], sync);
    const bobId = (await bob.call('identity.get', {})).memberId;
    const before = secretRecord(sync, ann, teamKey.id);

    const preview = await ann.call('team.previewRemoval', { memberId: bobId });
    expect(preview.deletes).toEqual([{ id: bobKey.id, name: 'Bob key', usedBy: [{ workflowId: uses.id, workflowName: 'Uses Bob key' }] }]);
    expect(preview.rotates).toEqual([{ id: teamKey.id, name: 'Team key' }]);
    const { rotateAtSource, team } = await ann.call('team.removeMember', { memberId: bobId });
    expect(rotateAtSource).toEqual([{ id: teamKey.id, name: 'Team key' }]);
    expect(team.members.map((m) => m.name)).toEqual(['Ann', 'Cat']);
    await ann.call('workspaces.sync', {});

    const after = secretRecord(sync, ann, teamKey.id);
    expect(after.value.data).not.toBe(before.value.data);
    expect(Object.keys(after.value.wraps)).not.toContain(bobId);
    await converge([ann, cat], sync);
    expect((await cat.call('workflows.list', {})).find((w) => w.id === uses.id)!.brokenReferences).toBe(1);
    expect((await cat.call('secrets.list', {})).map((k) => k.name)).toEqual(['Team key']);

    // Bob's next sync tells him, and his machine forgets the workspace's values.
    sync.deliver(ann, bob);
    const status = await bob.call('workspaces.sync', {});
    expect(status.sync!.problem).toMatch(/removed you/);
    expect(await bob.call('secrets.list', {})).toEqual([]);
  });

  it('keeps an audit trail of who did what to which key and which run used it, never a value', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'admin', sync);
    const value = canaryValue('audit');
    const key = await ann.call('secrets.create', { name: 'Audited', value });
    await ann.call('secrets.rename', { id: key.id, name: 'Audited key' });
    await converge([ann, bob], sync);
    const workflow = await workflowUsing(bob, key.id);
    const run = await finishedRun(bob, (await bob.call('runs.start', { workflowId: workflow.id })).id);
    await bob.call('secrets.updateValue', { id: key.id, value: canaryValue('audit2') });
    await converge([ann, bob], sync);

    const trail = await ann.call('audit.list', { secretId: key.id });
    expect(trail.map((e) => [e.actorName, e.action]).reverse()).toEqual([
      ['Ann', 'created'],
      ['Ann', 'renamed'],
      ['Bob', 'used'],
      ['Bob', 're-valued'],
    ]);
    expect(trail.find((e) => e.action === 'used')!.runId).toBe(run.id);
    expect((await ann.call('audit.list', { action: 'used' })).length).toBe(1);
    expect(JSON.stringify(trail)).not.toContain(value);
  });

  it('merges membership changes two Admins made at once, and drops those of an Admin removed at the same time', async () => {
    const [ann, bob, cat, dan, eve] = await cast('Ann', 'Bob', 'Cat', 'Dan', 'Eve');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'admin', sync);
    await converge([ann, bob], sync);

    // Offline, each Admin adds someone.
    await ann.call('team.addMember', { identity: (await cat.call('identity.export', {})).text, role: 'editor' });
    await bob.call('team.addMember', { identity: (await dan.call('identity.export', {})).text, role: 'viewer' });
    await ann.call('workspaces.sync', {});
    await bob.call('workspaces.sync', {});
    sync.deliverConflicted(bob, ann);
    await converge([ann, bob], sync);
    for (const who of [ann, bob]) expect((await who.call('team.get', {})).members.map((m) => m.name)).toEqual(['Ann', 'Bob', 'Cat', 'Dan']);

    // Ann removes Bob while Bob, offline, adds Eve: Bob's change doesn't count.
    const bobId = (await bob.call('identity.get', {})).memberId;
    await ann.call('team.removeMember', { memberId: bobId });
    await bob.call('team.addMember', { identity: (await eve.call('identity.export', {})).text, role: 'admin' });
    await ann.call('workspaces.sync', {});
    await bob.call('workspaces.sync', {});
    sync.deliverConflicted(bob, ann);
    await ann.call('workspaces.sync', {});
    expect((await ann.call('team.get', {})).members.map((m) => m.name)).toEqual(['Ann', 'Cat', 'Dan']);
  });

  it('follows the file without being asked: a delivered change shows up and the renderer is told', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    const events: string[] = [];
    bob.core.subscribe((event) => events.push(event.name));
    await ann.call('workflows.create', { name: 'Arrives by itself' });
    await ann.call('workspaces.sync', {});
    sync.deliver(ann, bob);
    await expect.poll(async () => (await bob.call('workflows.list', {})).map((w) => w.name)).toContain('Arrives by itself');
    expect(events).toContain('workspace.changed');
  });

  it('explains why a file can’t be opened, and changes nothing', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann);
    sync.deliver(ann, bob);
    expect(await bob.fail('workspaces.open', { path: sync.pathFor(bob) })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/not a member of “Acme” yet/) });
    writeFileSync(join(bob.folder, 'notes.keyflow'), 'just some text');
    expect(await bob.fail('workspaces.open', { path: join(bob.folder, 'notes.keyflow') })).toMatchObject({
      message: 'notes.keyflow is not a Keyflow workspace file (it is not valid JSON; it may be incomplete or damaged).',
    });
    expect(await bob.fail('workspaces.open', { path: join(bob.folder, 'missing.keyflow') })).toMatchObject({ message: expect.stringMatching(/does not exist/) });
    expect(await bob.fail('workspaces.create', { name: 'Acme', folder: join(bob.folder, 'nope') })).toMatchObject({ field: 'folder' });
    expect((await bob.call('workspaces.list', {})).map((w) => w.kind)).toEqual(['personal']);
  });

  it('keeps local changes when the folder is gone, says so, and writes them once it is back', async () => {
    const [ann] = await cast('Ann');
    const sync = await createTeam(ann);
    const saved = sync.snapshot(ann);
    rmSync(ann.folder, { recursive: true });
    await ann.call('workflows.create', { name: 'Made while the folder was gone' });
    const status = (await ann.call('workspaces.sync', {})).sync!;
    expect(status.problem).toMatch(/could not be written \(ENOENT\)/);
    mkdirSync(ann.folder);
    sync.restore(ann, saved);
    expect((await ann.call('workspaces.sync', {})).sync!.problem).toBeNull();
    expect(sync.readParsed(ann).records.map((r) => (r.body as { name?: string } | null)?.name)).toContain('Made while the folder was gone');
  });
});
