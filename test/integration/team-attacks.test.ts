/**
 * The attacks an outside review made on team workspaces (issue #9), each replayed against
 * real instances (separate user-data dirs, SQLite files and keychain entries): a removed or
 * demoted member who kept their keys and old copies of the file, an outsider, a member
 * running a modified app with their real keys (test/support/forge.ts), and a sync service
 * that delays, reorders and leaves conflicted copies. Each test failed on the format 1 code.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedRun } from '../support/core';
import { KeyUnwrapper } from '../../electron/core/crypto/key-wrap';
import { unwrapDataKey } from '../../electron/core/team/team-values';
import { recordHash, recordSchema, signCommit } from '../../electron/core/team/records/signed-records';
import { secretBodySchema } from '../../electron/core/team/records/record-bodies';
import { auditHash, signAudit, type AuditRecord } from '../../electron/core/audit/audit-entry';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue } from '../support/canary';
import { definition, httpStep, s, t } from '../support/steps';
import { castOfPeople, addAsDevice, converge, createTeam, invite, storedValueOf, type Person, type RawWorkspaceFile, type SyncService } from '../support/team';
import { tempDir } from '../support/host-process';
import { deviceKeysOf, forgeLink, forgeRecords, headsOf, stampAt } from '../support/forge';

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

const cast = castOfPeople('attack');

const idOf = async (who: Person) => (await who.call('identity.get', {})).memberId;
const identityOf = async (who: Person) => {
  const keys = await deviceKeysOf(who);
  return { memberId: keys.memberId, name: who.name, email: `${who.name.toLowerCase()}@example.com`, signingKey: keys.signingKey, boxKey: keys.boxKey };
};
const rolesOf = async (who: Person) => Object.fromEntries((await who.call('team.get', {})).members.map((m) => [m.name, m.role]));

/** Which members a secret's data key is wrapped for in a file. */
function wrapsIn(file: RawWorkspaceFile, secretId: string): string[] {
  const record = file.records.map((text) => recordSchema.parse(JSON.parse(text))).find((r) => r.id === secretId);
  return record ? Object.keys(storedValueOf(secretBodySchema.parse(record.body)).value.wraps).sort() : [];
}

/** Whether `who`'s real keys open any secret's data key in `file`. */
async function opensAny(who: Person, file: RawWorkspaceFile): Promise<boolean> {
  const keys = await deviceKeysOf(who);
  const unwrapper = new KeyUnwrapper(keys.memberId, keys.boxKey, keys.boxPrivate);
  for (const text of file.records) {
    const record = recordSchema.parse(JSON.parse(text));
    if (record.kind !== 'secret' || !record.body) continue;
    const body = storedValueOf(secretBodySchema.parse(record.body));
    if (unwrapDataKey(body.value, unwrapper, { workspaceId: file.workspaceId, secretId: record.id, version: body.valueVersion })) return true;
  }
  return false;
}

/** Puts a forged file in `to`'s folder as the sync service would deliver it. */
function deliverForged(sync: SyncService, to: Person, file: RawWorkspaceFile): void {
  sync.write(to, file);
}

describe('team workspaces under attack', () => {
  it('1. a removed Admin can’t readmit himself through a forked chain and an accomplice, whatever its hashes', async () => {
    const [ann, bob, cat, eve] = await cast('Ann', 'Bob', 'Cat', 'Eve');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'admin', sync);
    await invite(ann, cat, 'editor', sync);
    await ann.call('secrets.create', { name: 'Payroll', value: canaryValue('payroll'), access: { kind: 'restricted', grants: [] } });
    await converge([ann, bob, cat], sync);
    const old = sync.read(bob);
    await ann.call('team.removeMember', { memberId: await idOf(bob) });
    await ann.call('secrets.create', { name: 'After removal', value: canaryValue('after') });
    await converge([ann, cat], sync);

    const [bobKeys, eveKeys] = [await deviceKeysOf(bob), await deviceKeysOf(eve)];
    const file = sync.read(ann);
    const accomplice = forgeLink(file, bobKeys, headsOf(old), [{ type: 'add-member', member: await identityOf(eve), role: 'admin' }]);
    // Eve varies a no-op link's time so that its hash sorts anywhere: it must not matter.
    for (let i = 0; i < 4; i++) forgeLink(file, eveKeys, [accomplice.id], [{ type: 'set-settings', settings: { editorsCanCreateSecrets: true } }], `2026-01-01T00:00:0${i}.000Z`);
    forgeLink(file, eveKeys, headsOf(file), [{ type: 'add-member', member: await identityOf(bob), role: 'admin' }]);
    deliverForged(sync, ann, file);
    const status = (await ann.call('workspaces.sync', {})).sync!;
    await converge([ann, cat], sync);

    expect(status.rejected.join(' ')).toMatch(/membership change by (Bob|Eve) was refused/);
    for (const who of [ann, cat]) expect(await rolesOf(who)).toEqual({ Ann: 'owner', Cat: 'editor' });
    const written = sync.read(ann);
    for (const secret of await ann.call('secrets.list', {})) expect(wrapsIn(written, secret.id)).not.toContain(bobKeys.memberId);
    expect(await opensAny(bob, written)).toBe(false);
    expect(await opensAny(eve, written)).toBe(false);
  });

  it('2. a demoted Admin keeps no Admin rights through a stooge, on any machine — the demoting Owner’s included', async () => {
    const [ann, bob, cat, eve] = await cast('Ann', 'Bob', 'Cat', 'Eve');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'admin', sync);
    await invite(ann, cat, 'editor', sync);
    await converge([ann, bob, cat], sync);
    const old = sync.read(bob);
    await ann.call('team.setRole', { memberId: await idOf(bob), role: 'editor' });
    await ann.call('workspaces.sync', {});

    const [bobKeys, eveKeys] = [await deviceKeysOf(bob), await deviceKeysOf(eve)];
    const forged = structuredClone(old);
    const stooge = forgeLink(forged, bobKeys, headsOf(old), [{ type: 'add-member', member: await identityOf(eve), role: 'admin' }]);
    forgeLink(forged, eveKeys, [stooge.id], [{ type: 'set-role', memberId: bobKeys.memberId, role: 'admin' }]);
    deliverForged(sync, bob, forged);
    await converge([ann, bob, cat], sync);
    for (const who of [ann, bob, cat]) expect(await rolesOf(who)).toEqual({ Ann: 'owner', Bob: 'editor', Cat: 'editor' });
  });

  it('3. an outsider’s workspace file can’t change another workspace, even reusing its ids', async () => {
    const [ann, bob, olga] = await cast('Ann', 'Bob', 'Olga');
    const acme = await createTeam(ann, 'Acme');
    await invite(ann, bob, 'editor', acme);
    const value = canaryValue('acme');
    const key = await ann.call('secrets.create', { name: 'Acme API', value });
    const workflow = await ann.call('workflows.create', { name: 'Acme call' });
    await ann.call('workflows.save', {
      id: workflow.id,
      name: 'Acme call',
      definition: definition(httpStep('Send', { url: t(`${echo.url}/acme`), auth: { kind: 'bearer', token: s(key.id) } })),
    });
    await converge([ann, bob], acme);
    const acmeId = (await bob.call('workspaces.list', {})).find((w) => w.active)!.id;

    // Olga makes her own workspace, invites Bob, and signs a workflow with Acme's workflow id sending Acme's key to her.
    const trap = await createTeam(olga, 'Trap');
    await olga.call('team.addMember', { identity: (await bob.call('identity.export', {})).text, role: 'editor' });
    await olga.call('workspaces.sync', {});
    const file = trap.read(olga);
    const olgaKeys = await deviceKeysOf(olga);
    forgeRecords(file, olgaKeys, headsOf(file), [
      {
        id: workflow.id,
        kind: 'workflow',
        clock: stampAt(Date.now() + 1000, olgaKeys.memberId),
        body: {
          name: 'Acme call',
          createdAt: workflow.createdAt,
          updatedAt: workflow.updatedAt,
          definition: definition(httpStep('Send', { url: t(`${echo.url}/stolen`), auth: { kind: 'bearer', token: s(key.id) } })),
        },
      },
    ]);
    trap.write(olga, file);
    trap.deliver(olga, bob);
    await bob.call('workspaces.open', { path: trap.pathFor(bob) });
    await bob.call('workspaces.switch', { id: acmeId });

    const run = await finishedRun(bob, (await bob.call('runs.start', { workflowId: workflow.id })).id);
    expect(run.status).toBe('ok');
    expect(echo.received.filter((r) => r.url === '/stolen')).toEqual([]);
    expect(echo.received.at(-1)).toMatchObject({ url: '/acme' });
    expect((await bob.call('workflows.get', { id: workflow.id })).steps[0]!.config).toMatchObject({ url: t(`${echo.url}/acme`) });
    expect((await bob.call('secrets.list', {})).map((k) => k.name)).toEqual(['Acme API']);
  });

  it('4. a revoked grant stays revoked when the revoked Editor edits the key offline', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    const bobId = await idOf(bob);
    const key = await ann.call('secrets.create', {
      name: 'Shared',
      value: canaryValue('shared'),
      access: { kind: 'restricted', grants: [{ principal: { kind: 'member', id: bobId }, level: 'manage' }] },
    });
    await converge([ann, bob], sync);

    await ann.call('secrets.setAccess', { id: key.id, access: { kind: 'restricted', grants: [] } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await bob.call('secrets.rename', { id: key.id, name: 'Bob’s now' });
    await ann.call('workspaces.sync', {});
    await bob.call('workspaces.sync', {});
    sync.deliverConflicted(bob, ann);
    const status = (await ann.call('workspaces.sync', {})).sync!;
    await converge([ann, bob], sync);

    expect(status.rejected.join(' ')).toMatch(/took away the right it needed at the same time/);
    const [annView] = await ann.call('secrets.list', {});
    expect(annView).toMatchObject({ name: 'Shared', access: { kind: 'restricted', grants: [] } });
    expect(await bob.call('secrets.list', {})).toEqual([]);
    await ann.call('secrets.updateValue', { id: key.id, value: canaryValue('new') });
    await converge([ann, bob], sync);
    expect(wrapsIn(sync.read(bob), key.id)).toEqual([await idOf(ann)]);
    expect(await opensAny(bob, sync.read(bob))).toBe(false);
  });

  it('5. a removed member’s commit listing someone else’s record can’t make it refused', async () => {
    const [ann, bob, cat] = await cast('Ann', 'Bob', 'Cat');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'admin', sync);
    await invite(ann, cat, 'editor', sync);
    await converge([ann, bob, cat], sync);
    await ann.call('team.removeMember', { memberId: await idOf(bob) });
    await ann.call('workflows.create', { name: 'Made after the removal' });
    await ann.call('workspaces.sync', {});
    const file = sync.read(ann);
    const annsRecord = file.records.find((text) => text.includes('Made after the removal'))!;
    const bobKeys = await deviceKeysOf(bob);
    // Bob's commit signs the exact text of Ann's record, listed after Ann's own commit.
    file.commits.push(signCommit(file.workspaceId, bobKeys, new Date().toISOString(), headsOf(file), [recordHash(file.workspaceId, annsRecord)]).stored);
    sync.write(ann, file);
    sync.deliver(ann, cat);
    await cat.call('workspaces.sync', {});
    expect((await cat.call('workflows.list', {})).map((w) => w.name)).toContain('Made after the removal');
  });

  it('6. a maximal or far-future clock stamp waits, never freezes the workspace, and never drags clocks forward', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    const workflow = await ann.call('workflows.create', { name: 'Original' });
    await converge([ann, bob], sync);
    const bobKeys = await deviceKeysOf(bob);
    const file = sync.read(bob);
    const body = (name: string) => ({ name, createdAt: workflow.createdAt, updatedAt: workflow.updatedAt, definition: definition() });
    forgeRecords(file, bobKeys, headsOf(file), [
      { id: workflow.id, kind: 'workflow', clock: '999999999999999.999999.' + bobKeys.memberId, body: body('Frozen forever') },
      { id: 'wf_year2100', kind: 'workflow', clock: stampAt(Date.UTC(2100, 0, 1), bobKeys.memberId), body: body('From 2100') },
    ]);
    sync.write(ann, file);
    const status = (await ann.call('workspaces.sync', {})).sync!;
    expect(status.rejected.join(' ')).toMatch(/too far ahead of this machine’s clock/);
    expect((await ann.call('workflows.list', {})).map((w) => w.name)).toEqual(['Original']);

    await ann.call('workflows.save', { id: workflow.id, name: 'Renamed now', definition: definition() });
    await converge([ann, bob], sync);
    for (const who of [ann, bob]) expect((await who.call('workflows.list', {})).map((w) => w.name)).toEqual(['Renamed now']);
    const stamp = sync
      .read(ann)
      .records.map((text) => recordSchema.parse(JSON.parse(text)))
      .find((r) => r.id === workflow.id)!.clock;
    expect(Number(stamp.slice(0, 15))).toBeLessThan(Date.now() + 60_000);
  });

  it('7. a symlink to a FIFO in place of the file is refused at once, and later syncs still run', async () => {
    const [ann] = await cast('Ann');
    const sync = await createTeam(ann);
    const path = sync.pathFor(ann);
    const saved = readFileSync(path);
    const fifo = join(tempDir('fifo'), 'pipe');
    execFileSync('mkfifo', [fifo]);
    rmSync(path);
    symlinkSync(fifo, path);
    await ann.call('workflows.create', { name: 'Made meanwhile' });
    for (let i = 0; i < 2; i++) expect((await ann.call('workspaces.sync', {})).sync!.problem).toMatch(/is not a regular file \(a named pipe\)/);
    rmSync(path);
    writeFileSync(path, saved);
    expect((await ann.call('workspaces.sync', {})).sync!.problem).toBeNull();
    expect(readFileSync(path, 'utf8')).toContain('Made meanwhile');
  });

  describe('8. machines converge under ordinary races, to the same state and byte-identical files', () => {
    async function sameEverywhere(who: Person[]) {
      const states = await Promise.all(
        who.map(async (p) => ({
          secrets: (await p.call('secrets.list', {})).map((k) => [k.id, k.name, JSON.stringify(k.access)]),
          members: (await p.call('team.get', {})).members.map((m) => [m.name, m.role]),
          workflows: (await p.call('workflows.list', {})).map((w) => [w.id, w.name]),
        })),
      );
      for (const state of states.slice(1)) expect(state).toEqual(states[0]);
      return states[0]!;
    }

    async function offline(sync: SyncService, a: Person, b: Person) {
      await a.call('workspaces.sync', {});
      await b.call('workspaces.sync', {});
      sync.deliverConflicted(b, a);
      await converge([a, b], sync);
    }

    it('an Owner makes an Editor a Viewer while the Editor renames his key', async () => {
      const [ann, bob] = await cast('Ann', 'Bob');
      const sync = await createTeam(ann);
      await invite(ann, bob, 'editor', sync);
      await bob.call('secrets.create', { name: 'Bob key', value: canaryValue('bob') });
      await converge([ann, bob], sync);
      const [key] = await bob.call('secrets.list', {});
      await ann.call('team.setRole', { memberId: await idOf(bob), role: 'viewer' });
      await bob.call('secrets.rename', { id: key!.id, name: 'Renamed by Bob' });
      await offline(sync, ann, bob);
      const state = await sameEverywhere([ann, bob]);
      expect(state.secrets.map(([, name]) => name)).toEqual(['Bob key']);
    });

    it('an Owner deletes a key while an Editor with Manage through a grant renames it', async () => {
      const [ann, bob] = await cast('Ann', 'Bob');
      const sync = await createTeam(ann);
      await invite(ann, bob, 'editor', sync);
      const key = await ann.call('secrets.create', {
        name: 'Doomed',
        value: canaryValue('doomed'),
        access: { kind: 'restricted', grants: [{ principal: { kind: 'member', id: await idOf(bob) }, level: 'manage' }] },
      });
      await converge([ann, bob], sync);
      await ann.call('secrets.delete', { id: key.id });
      await bob.call('secrets.rename', { id: key.id, name: 'Saved by Bob' });
      await offline(sync, ann, bob);
      const state = await sameEverywhere([ann, bob]);
      expect(state.secrets).toEqual([]);
    });

    it('two people create “Stripe” offline', async () => {
      const [ann, bob] = await cast('Ann', 'Bob');
      const sync = await createTeam(ann);
      await invite(ann, bob, 'editor', sync);
      await ann.call('secrets.create', { name: 'Stripe', value: canaryValue('a') });
      await bob.call('secrets.create', { name: 'stripe', value: canaryValue('b') });
      await offline(sync, ann, bob);
      const state = await sameEverywhere([ann, bob]);
      expect(state.secrets.map(([, name]) => name).sort()).toEqual(['Stripe', 'stripe (2)'].sort());
    });
  });

  it('9a. a removed member can’t add audit entries about keys created after his removal', async () => {
    const [ann, bob] = await cast('Ann', 'Bob');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'admin', sync);
    await converge([ann, bob], sync);
    const old = sync.read(bob);
    await ann.call('team.removeMember', { memberId: await idOf(bob) });
    const later = await ann.call('secrets.create', { name: 'Created later', value: canaryValue('later') });
    await ann.call('workspaces.sync', {});
    const bobKeys = await deviceKeysOf(bob);
    const file = sync.read(ann);
    const own = file.audit.filter((e) => e.author === bobKeys.memberId).sort((a, b) => a.seq - b.seq);
    const last = own.at(-1);
    for (const context of [headsOf(old), headsOf(file)]) {
      const entry = signAudit(file.workspaceId, bobKeys, {
        id: `aud_forged${context.length}${Math.random().toString(36).slice(2, 8)}`,
        author: bobKeys.memberId,
        seq: (last?.seq ?? 0) + 1,
        prev: last ? auditHash(last) : '',
        at: '2026-01-01T00:00:00.000Z',
        action: 'used',
        secretId: later.id,
        secretName: 'Created later',
        runId: null,
        detail: '',
        context,
      });
      file.audit.push(entry);
    }
    sync.write(ann, file);
    await ann.call('workspaces.sync', {});
    expect((await ann.call('audit.list', { secretId: later.id })).map((e) => e.actorName)).toEqual(['Ann']);
    expect(
      sync
        .read(ann)
        .audit.filter((e) => e.secretId === later.id)
        .map((e) => e.author),
    ).toEqual([await idOf(ann)]);
  });

  it('9b. a forked audit trail reconciles the same way on every machine, without repeated warnings', async () => {
    const [ann, bob, cat] = await cast('Ann', 'Bob', 'Cat');
    const sync = await createTeam(ann);
    await invite(ann, bob, 'editor', sync);
    await invite(ann, cat, 'editor', sync);
    const key = await bob.call('secrets.create', { name: 'Bob key', value: canaryValue('fork') });
    await converge([ann, bob, cat], sync);
    const bobKeys = await deviceKeysOf(bob);
    const base = sync.read(bob);
    const last = base.audit
      .filter((e) => e.author === bobKeys.memberId)
      .sort((a, b) => a.seq - b.seq)
      .at(-1)!;
    const fork = (detail: string): AuditRecord =>
      signAudit(base.workspaceId, bobKeys, {
        id: `aud_fork_${detail}`,
        author: bobKeys.memberId,
        seq: last.seq + 1,
        prev: auditHash(last),
        at: new Date().toISOString(),
        action: 'renamed',
        secretId: key.id,
        secretName: 'Bob key',
        runId: null,
        detail,
        context: headsOf(base),
      });
    sync.write(ann, { ...base, audit: [...base.audit, fork('one')] });
    sync.write(cat, { ...base, audit: [...base.audit, fork('two')] });
    await ann.call('workspaces.sync', {});
    await cat.call('workspaces.sync', {});
    sync.deliverConflicted(cat, ann);
    await converge([ann, bob, cat], sync);
    const trails = await Promise.all([ann, bob, cat].map(async (p) => (await p.call('audit.list', { secretId: key.id })).map((e) => e.detail).sort()));
    expect(trails[0]).toEqual(expect.arrayContaining(['one', 'two']));
    expect(trails[1]).toEqual(trails[0]);
    expect(trails[2]).toEqual(trails[0]);
    for (const p of [ann, bob, cat]) expect((await p.call('workspaces.sync', {})).sync!.problem).toBeNull();
  });

  describe('10. sync details', () => {
    it('notices a new file with the same size and time as the last one seen', async () => {
      const [ann, bob] = await cast('Ann', 'Bob');
      const sync = await createTeam(ann);
      await invite(ann, bob, 'editor', sync);
      const workflow = await ann.call('workflows.create', { name: 'Aaaa' });
      await converge([ann, bob], sync);
      // Sync clients keep modification times to the second.
      const second = new Date(Math.floor(Date.now() / 1000) * 1000);
      utimesSync(sync.pathFor(bob), second, second);
      await bob.call('workspaces.sync', {});
      const seen = statSync(sync.pathFor(bob));
      await ann.call('workflows.save', { id: workflow.id, name: 'Bbbb', definition: definition() });
      await ann.call('workspaces.sync', {});
      // A sync client delivers a different file of the same length, keeping the time to the second.
      const newer = readFileSync(sync.pathFor(ann));
      expect(newer.length).toBe(seen.size);
      writeFileSync(sync.pathFor(bob), newer);
      utimesSync(sync.pathFor(bob), second, second);
      expect(statSync(sync.pathFor(bob)).mtimeMs).toBe(seen.mtimeMs);
      await bob.call('workspaces.sync', {});
      expect((await bob.call('workflows.list', {})).map((w) => w.name)).toEqual(['Bbbb']);
    });

    it('keeps reporting a refused file until a good one arrives', async () => {
      const [ann] = await cast('Ann');
      const sync = await createTeam(ann);
      const good = readFileSync(sync.pathFor(ann));
      writeFileSync(sync.pathFor(ann), '{"magic":"keyflow-workspace","format":0}');
      for (let i = 0; i < 2; i++)
        expect((await ann.call('workspaces.sync', {})).sync).toMatchObject({ state: 'failed', problem: expect.stringMatching(/uses format 0, which no version of Keyflow wrote/) });
      writeFileSync(sync.pathFor(ann), good);
      expect((await ann.call('workspaces.sync', {})).sync).toMatchObject({ state: 'synced', problem: null });
    });

    it('never writes over another workspace’s file, and says so', async () => {
      const [ann, bob] = await cast('Ann', 'Bob');
      const mine = await createTeam(ann, 'Acme');
      const theirs = await createTeam(bob, 'Other');
      const foreign = readFileSync(theirs.pathFor(bob));
      writeFileSync(mine.pathFor(ann), foreign);
      await ann.call('workflows.create', { name: 'Pending here' });
      const status = (await ann.call('workspaces.sync', {})).sync!;
      expect(status.problem).toMatch(/now holds a different workspace; Keyflow did not change it/);
      expect(readFileSync(mine.pathFor(ann))).toEqual(foreign);
    });

    it('refuses a file over the size limit without reading it', async () => {
      const [ann] = await cast('Ann');
      const sync = await createTeam(ann);
      truncateSync(sync.pathFor(ann), 200 * 1024 * 1024); // sparse: costs no disk
      const status = (await ann.call('workspaces.sync', {})).sync!;
      expect(status.problem).toMatch(/is 200\.0 MiB, more than the 128\.0 MiB a workspace file may be/);
      expect(status.rejected).toEqual([]);
    });

    it('cleans up temp files a crashed write left behind, and only its own stale ones', async () => {
      const [ann] = await cast('Ann');
      const sync = await createTeam(ann);
      const stale = join(ann.folder, `.${sync.fileName}.a1b2c3d4e5f6.tmp`);
      const fresh = join(ann.folder, `.${sync.fileName}.0a0b0c0d0e0f.tmp`);
      const other = join(ann.folder, '.notes.txt.a1b2c3d4e5f6.tmp');
      for (const file of [stale, fresh, other]) writeFileSync(file, 'a whole copy');
      const hourAgo = new Date(Date.now() - 3600_000);
      for (const file of [stale, other]) utimesSync(file, hourAgo, hourAgo);
      await ann.call('workspaces.sync', {});
      expect([stale, fresh, other].map((file) => existsSync(file))).toEqual([false, true, true]);
    });
  });
  describe('11. devices of a member (moving to a new machine, #15)', () => {
    const devicesOf = async (who: Person, memberId: string) => ((await who.call('team.get', {})).devices[memberId] ?? []).map((d) => d.deviceId).sort();

    it('a member without Admin rights can’t add a device, to themselves or anyone, nor an outsider’s identity — through the app or a forged link', async () => {
      const [ann, bob, cat, eve, olga] = await cast('Ann', 'Bob', 'Cat', 'Eve', 'Olga');
      const sync = await createTeam(ann);
      await invite(ann, bob, 'editor', sync);
      await invite(ann, cat, 'viewer', sync);
      await ann.call('secrets.create', { name: 'Team key', value: canaryValue('team') });
      await converge([ann, bob, cat], sync);
      const [bobId, catId] = [await idOf(bob), await idOf(cat)];

      const eveText = (await eve.call('identity.export', {})).text;
      expect(await bob.fail('team.addDevice', { memberId: bobId, identity: eveText })).toMatchObject({
        code: 'forbidden',
        message: 'Only Owners and Admins can add devices; you are Editor.',
      });
      expect(await cat.fail('team.addDevice', { memberId: bobId, identity: eveText })).toMatchObject({ code: 'forbidden' });

      const file = sync.read(bob);
      forgeLink(file, await deviceKeysOf(bob), headsOf(file), [{ type: 'add-device', memberId: bobId, device: await identityOf(eve) }]);
      forgeLink(file, await deviceKeysOf(cat), headsOf(file), [{ type: 'add-device', memberId: bobId, device: await identityOf(olga) }]);
      forgeLink(file, await deviceKeysOf(bob), headsOf(file), [{ type: 'add-device', memberId: catId, device: await identityOf(olga) }]);
      deliverForged(sync, ann, file);
      await ann.call('workspaces.sync', {});
      await converge([ann, bob, cat], sync);

      // What counts is checked on every machine (a link's refusal is told by whichever sync first meets it: the folder watcher's may).
      for (const who of [ann, bob, cat]) {
        expect(await devicesOf(who, bobId)).toEqual([bobId]);
        expect(await devicesOf(who, catId)).toEqual([catId]);
      }
      const written = sync.read(ann);
      expect(await opensAny(eve, written)).toBe(false);
      expect(await opensAny(olga, written)).toBe(false);
      sync.deliver(ann, eve);
      expect(await eve.fail('workspaces.open', { path: sync.pathFor(eve) })).toMatchObject({ code: 'forbidden' });
    });

    it('a removed device can’t add itself back, or an accomplice, through a forked chain — whatever its hashes', async () => {
      const [ann, bob, laptop, cat, eve] = await cast('Ann', 'Bob', 'Laptop', 'Cat', 'Eve');
      const sync = await createTeam(ann);
      await invite(ann, bob, 'admin', sync);
      await invite(ann, cat, 'editor', sync);
      await addAsDevice(ann, bob, laptop, sync);
      await ann.call('secrets.create', { name: 'Payroll', value: canaryValue('payroll'), access: { kind: 'restricted', grants: [] } });
      await converge([ann, bob, laptop, cat], sync);
      const bobId = await idOf(bob);
      const old = sync.read(bob);
      await ann.call('team.removeDevice', { memberId: bobId, deviceId: bobId });
      await ann.call('secrets.create', { name: 'After removal', value: canaryValue('after') });
      await converge([ann, laptop, cat], sync);

      const [bobKeys, eveKeys] = [await deviceKeysOf(bob), await deviceKeysOf(eve)];
      const file = sync.read(ann);
      // On the chain as it was before its removal, Bob's old device (an Admin's) adds Eve as a device of Bob...
      const accomplice = forgeLink(file, bobKeys, headsOf(old), [{ type: 'add-device', memberId: bobId, device: await identityOf(eve) }]);
      for (let i = 0; i < 4; i++) forgeLink(file, eveKeys, [accomplice.id], [{ type: 'set-settings', settings: { editorsCanCreateSecrets: true } }], `2026-01-01T00:00:0${i}.000Z`);
      // ...who, on top of everything, adds the old device back, and the old device itself tries too.
      forgeLink(file, eveKeys, headsOf(file), [{ type: 'add-device', memberId: bobId, device: await identityOf(bob) }]);
      forgeLink(file, bobKeys, headsOf(file), [{ type: 'add-device', memberId: bobId, device: await identityOf(bob) }]);
      deliverForged(sync, ann, file);
      await ann.call('workspaces.sync', {});
      await converge([ann, laptop, cat], sync);

      // What counts is checked on every machine (a link's refusal is told by whichever sync first meets it: the folder watcher's may).
      for (const who of [ann, laptop, cat]) {
        expect(await devicesOf(who, bobId)).toEqual([await idOf(laptop)]);
        expect(await rolesOf(who)).toEqual({ Ann: 'owner', Bob: 'admin', Cat: 'editor' });
      }
      const written = sync.read(ann);
      for (const secret of await ann.call('secrets.list', {})) {
        expect(wrapsIn(written, secret.id)).not.toContain(bobKeys.memberId);
        expect(wrapsIn(written, secret.id)).not.toContain(eveKeys.memberId);
      }
      expect(await opensAny(bob, written)).toBe(false);
      expect(await opensAny(eve, written)).toBe(false);
    });

    it('a device of a removed member counts for nothing, forked or not', async () => {
      const [ann, bob, laptop, cat, eve] = await cast('Ann', 'Bob', 'Laptop', 'Cat', 'Eve');
      const sync = await createTeam(ann);
      await invite(ann, bob, 'admin', sync);
      await invite(ann, cat, 'editor', sync);
      await addAsDevice(ann, bob, laptop, sync);
      await converge([ann, bob, laptop, cat], sync);
      const old = sync.read(laptop);
      await ann.call('team.removeMember', { memberId: await idOf(bob) });
      await ann.call('secrets.create', { name: 'After removal', value: canaryValue('after') });
      await converge([ann, cat], sync);

      const laptopKeys = await deviceKeysOf(laptop);
      const file = sync.read(ann);
      forgeLink(file, laptopKeys, headsOf(old), [{ type: 'add-member', member: await identityOf(eve), role: 'admin' }]);
      forgeLink(file, laptopKeys, headsOf(file), [{ type: 'set-role', memberId: await idOf(cat), role: 'viewer' }]);
      forgeRecords(file, laptopKeys, headsOf(file), [
        {
          id: 'wf_by_laptop',
          kind: 'workflow',
          clock: stampAt(Date.now(), laptopKeys.memberId),
          body: { name: 'Laptop', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', definition: definition() },
        },
      ]);
      deliverForged(sync, ann, file);
      await ann.call('workspaces.sync', {});
      await converge([ann, cat], sync);

      for (const who of [ann, cat]) {
        expect(await rolesOf(who)).toEqual({ Ann: 'owner', Cat: 'editor' });
        expect((await who.call('workflows.list', {})).map((w) => w.id)).not.toContain('wf_by_laptop');
      }
      const written = sync.read(ann);
      expect(await opensAny(laptop, written)).toBe(false);
      expect(await opensAny(eve, written)).toBe(false);
      sync.deliver(ann, laptop);
      expect((await laptop.call('workspaces.sync', {})).sync!.state).toBe('removed');
    });
  });
});
