/**
 * Upgrading from Keyflow 0.1 (database schema 3, workspace file format 1), with the real
 * databases and file it wrote (test/fixtures/format-1): nothing of anyone's workspace is
 * lost. The databases migrate with their data; the file is read, verified, and written
 * back in format 2 by the Owner's Keyflow, which carries its keys into the chain; the
 * Editor's Keyflow, updated later, reads that file; every value still opens and runs.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/model/run';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import { DATABASE_FILE } from '../../electron/core/keyflow-core';
import { WORKSPACE_FILE_FORMAT } from '../../electron/core/team/file/workspace-file';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { openCore, type TestCore } from '../support/core';
import { definition, httpStep, s, t } from '../support/steps';
import { tempDir } from '../support/host-process';

const FIXTURE = join(__dirname, '..', 'fixtures', 'format-1');
const fixture = JSON.parse(readFileSync(join(FIXTURE, 'keys.json'), 'utf8')) as {
  keys: Record<string, string>;
  ids: { teamKey: string; restricted: string; bobKey: string; workflow: string; personal: string; personalWorkflow: string; run: string };
};
const FORMAT_2 = join(__dirname, '..', 'fixtures', 'format-2');
const format2 = JSON.parse(readFileSync(join(FORMAT_2, 'keys.json'), 'utf8')) as {
  keys: Record<string, string>;
  ids: { teamKey: string; restricted: string; bobKey: string; workflow: string };
};

let echo: EchoServer;
const cores: TestCore[] = [];
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
afterEach(async () => {
  for (const core of cores.splice(0)) await core.core.close();
});

/** A user-data dir holding `who`'s old database (0.1's, or format 2's) and their keychain entries, the file in their synced folder. */
async function restore(who: 'Ann' | 'Bob', folder: string, from: { dir: string; keys: Record<string, string> } = { dir: FIXTURE, keys: fixture.keys }): Promise<TestCore> {
  const userDataDir = tempDir(`upgrade-${who}`);
  copyFileSync(join(from.dir, `${who.toLowerCase()}.db`), join(userDataDir, DATABASE_FILE));
  const db = new Database(join(userDataDir, DATABASE_FILE));
  db.prepare("UPDATE workspaces SET file_path = ? WHERE kind = 'team'").run(join(folder, 'Acme.keyflow'));
  db.close();
  const vault = from.keys[`${who}-vault`]!;
  const keychain = new KeytarKeyStore();
  await keychain.set(`master-key:${vault}`, Buffer.from(from.keys[`${who}-master`]!, 'base64'));
  await keychain.set(`device-keys:${vault}`, Buffer.from(from.keys[who]!, 'base64'));
  const core = await openCore({ userDataDir });
  cores.push(core);
  return core;
}

async function runWith(core: TestCore, secretId: string): Promise<Run> {
  const workflow = await core.call('workflows.create', { name: `Uses ${secretId}` });
  await core.call('workflows.save', {
    id: workflow.id,
    name: workflow.name,
    definition: definition(httpStep('Send', { url: t(`${echo.url}/upgrade`), auth: { kind: 'bearer', token: s(secretId) } })),
  });
  const { id } = await core.call('runs.start', { workflowId: workflow.id });
  for (;;) {
    const run = await core.call('runs.get', { id });
    if (run.status !== 'running' && run.status !== 'pending') return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('upgrading from format 1', () => {
  it('migrates the databases and the file without losing a key, a workflow, a run or a value', async () => {
    const root = tempDir('upgrade');
    const [annFolder, bobFolder] = [join(root, 'Ann'), join(root, 'Bob')];
    for (const folder of [annFolder, bobFolder]) {
      mkdirSync(folder);
      copyFileSync(join(FIXTURE, 'Acme.keyflow'), join(folder, 'Acme.keyflow'));
    }
    const ann = await restore('Ann', annFolder);

    // Ann's personal workspace, as 0.1 left it.
    const workspaces = await ann.call('workspaces.list', {});
    const personal = workspaces.find((w) => w.kind === 'personal')!;
    expect(workspaces.map((w) => [w.name, w.kind, w.myRole])).toEqual([
      ['Personal', 'personal', 'owner'],
      ['Acme', 'team', 'owner'],
    ]);
    await ann.call('workspaces.switch', { id: personal.id });
    expect((await ann.call('secrets.list', {})).map((k) => k.name)).toEqual(['Personal key']);
    expect((await ann.call('runs.list', { workflowId: fixture.ids.personalWorkflow })).map((r) => r.id)).toEqual([fixture.ids.run]);
    expect((await runWith(ann, fixture.ids.personal)).status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe('Bearer personal-value-abcdefabcdef0123');

    // The team workspace: Ann's Keyflow reads the format 1 file and writes format 2.
    const team = workspaces.find((w) => w.kind === 'team')!;
    await ann.call('workspaces.switch', { id: team.id });
    const status = (await ann.call('workspaces.sync', {})).sync!;
    expect(status).toMatchObject({ state: 'synced', problem: null });
    const written = JSON.parse(readFileSync(join(annFolder, 'Acme.keyflow'), 'utf8')) as { format: number; chain: { changes?: { type: string }[] }[] };
    expect(written.format).toBe(WORKSPACE_FILE_FORMAT);
    expect(written.chain.flatMap((link) => link.changes ?? []).filter((change) => change.type === 'adopt-key')).toHaveLength(3);
    const keys = await ann.call('secrets.list', {});
    expect(keys.map((k) => [k.name, k.createdBy, k.access.kind])).toEqual([
      ['Billing key', 'Ann', 'restricted'],
      ['Bob key (renamed)', 'Bob', 'team'],
      ['Team token', 'Ann', 'team'],
    ]);
    expect((await ann.call('team.get', {})).groups.map((g) => g.name)).toEqual(['Billing']);
    expect((await ann.call('workflows.list', {})).map((w) => w.name)).toEqual(['Call billing']);
    expect((await runWith(ann, fixture.ids.restricted)).status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe('Bearer billing-key-value-fedcba9876543210');

    // Bob updates later: his Keyflow reads the file Ann wrote.
    copyFileSync(join(annFolder, 'Acme.keyflow'), join(bobFolder, 'Acme.keyflow'));
    const bob = await restore('Bob', bobFolder);
    expect((await bob.call('workspaces.sync', {})).sync).toMatchObject({ state: 'synced', problem: null });
    expect((await bob.call('secrets.list', {})).map((k) => [k.name, k.rights.use])).toEqual([
      ['Billing key', true],
      ['Bob key (renamed)', true],
      ['Team token', true],
    ]);
    expect((await runWith(bob, fixture.ids.restricted)).status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe('Bearer billing-key-value-fedcba9876543210');
    expect((await runWith(bob, fixture.ids.bobKey)).status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe('Bearer bob-key-value-00112233445566778899');
  });

  it('an Editor who updates first still sees every key of the format 1 file until an Owner carries them into the chain', async () => {
    const root = tempDir('upgrade-editor');
    const folder = join(root, 'Bob');
    mkdirSync(folder);
    copyFileSync(join(FIXTURE, 'Acme.keyflow'), join(folder, 'Acme.keyflow'));
    const bob = await restore('Bob', folder);
    expect((await bob.call('workspaces.sync', {})).sync).toMatchObject({ state: 'synced', problem: null });
    expect((await bob.call('secrets.list', {})).map((k) => k.name)).toEqual(['Billing key', 'Bob key (renamed)', 'Team token']);
    // The file he writes still carries the format 1 records that say who created each key and who may use it.
    const written = readFileSync(join(folder, 'Acme.keyflow'), 'utf8');
    for (const id of [fixture.ids.teamKey, fixture.ids.restricted, fixture.ids.bobKey]) expect(written).toContain(id);
    expect((await runWith(bob, fixture.ids.teamKey)).status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe('Bearer team-token-value-0123456789abcdef');
  });
});

describe('upgrading from format 2 (one value per key) to environments', () => {
  it('keeps every key’s value, version and access in Default, rewrites the file in format 3, and both members still run each value', async () => {
    const root = tempDir('upgrade-2');
    const [annFolder, bobFolder] = [join(root, 'Ann'), join(root, 'Bob')];
    for (const folder of [annFolder, bobFolder]) {
      mkdirSync(folder);
      copyFileSync(join(FORMAT_2, 'Acme.keyflow'), join(folder, 'Acme.keyflow'));
    }
    const from = { dir: FORMAT_2, keys: format2.keys };
    // Bob updates first: his database migrates, and he reads the format 2 file as it is.
    const bob = await restore('Bob', bobFolder, from);
    expect(bob.peek('SELECT environment_id, value_version FROM secret_values ORDER BY value_version')).toEqual([
      { environment_id: 'default', value_version: 1 },
      { environment_id: 'default', value_version: 1 },
      { environment_id: 'default', value_version: 2 },
    ]);
    expect((await bob.call('workspaces.sync', {})).sync).toMatchObject({ state: 'synced', problem: null, rejected: [] });
    const expected = [
      ['Billing key', 'restricted', [['default', 1]]],
      ['Bob key', 'team', [['default', 1]]],
      ['Team token', 'team', [['default', 2]]],
    ];
    const keysOf = async (who: TestCore) => (await who.call('secrets.list', {})).map((k) => [k.name, k.access.kind, k.values.map((v) => [v.environmentId, v.valueVersion])]);
    expect(await keysOf(bob)).toEqual(expected);
    expect((await bob.call('environments.list', {})).environments.map((e) => e.name)).toEqual(['Default']);
    expect((await runWith(bob, format2.ids.restricted)).status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe('Bearer billing-key-value-format2-fedcba987');

    // Ann updates: her Keyflow writes format 3; the masked Team key keeps its hint.
    const ann = await restore('Ann', annFolder, from);
    copyFileSync(join(bobFolder, 'Acme.keyflow'), join(annFolder, 'Acme.keyflow'));
    expect((await ann.call('workspaces.sync', {})).sync).toMatchObject({ state: 'synced', problem: null, rejected: [] });
    expect(await keysOf(ann)).toEqual(expected);
    expect((await ann.call('secrets.list', {})).find((k) => k.name === 'Team token')!.values[0]!.hint).toBe('on-2');
    for (const [id, value] of [
      [format2.ids.teamKey, 'team-token-value-format2-version-2'],
      [format2.ids.restricted, 'billing-key-value-format2-fedcba987'],
      [format2.ids.bobKey, 'bob-key-value-format2-00112233445566'],
    ] as const) {
      expect((await runWith(ann, id)).status).toBe('ok');
      expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${value}`);
    }
    // A new value, in a new environment, after the upgrade: the file is format 3 and Bob reads it.
    const staging = (await ann.call('environments.create', { name: 'Staging' })).environments[1]!;
    await ann.call('secrets.updateValue', { id: format2.ids.teamKey, value: 'team-token-value-staging-after-upgrade', environmentId: staging.id });
    await ann.call('workspaces.sync', {});
    expect((JSON.parse(readFileSync(join(annFolder, 'Acme.keyflow'), 'utf8')) as { format: number }).format).toBe(WORKSPACE_FILE_FORMAT);
    copyFileSync(join(annFolder, 'Acme.keyflow'), join(bobFolder, 'Acme.keyflow'));
    expect((await bob.call('workspaces.sync', {})).sync).toMatchObject({ state: 'synced', problem: null, rejected: [] });
    expect((await bob.call('secrets.list', {})).find((k) => k.name === 'Team token')!.values.map((v) => [v.environmentId, v.valueVersion])).toEqual([
      ['default', 2],
      [staging.id, 1],
    ]);
    expect((await bob.call('workflows.list', {})).map((w) => w.name)).toContain('Call billing');
  });
});
