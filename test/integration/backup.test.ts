/**
 * Encrypted backup and restore through the bridge, with real parts: two user-data dirs with
 * their own SQLite files and their own entries in the real gnome-keyring (the second under
 * another keychain service, and the first's master key deleted before the restore), a real
 * server on 127.0.0.1 that must receive the same values from the restored workspace.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../shared/model/template';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import { openCore, type TestCore, finishedRun } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { tempDir } from '../support/host-process';
import { codeStep, definition, httpStep, s } from '../support/steps';

const PASSPHRASE = 'correct horse battery staple';
// Tests lower scrypt's cost where they derive many keys; the round trip below uses the app's own.
const CHEAP = { cost: { N: 2 ** 12, r: 8, p: 1 } };

let echo: EchoServer;
const opened: TestCore[] = [];
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
afterEach(async () => {
  for (const core of opened.splice(0)) await core.core.close();
});

async function open(options: Parameters<typeof openCore>[0] = {}): Promise<TestCore> {
  const core = await openCore(options);
  opened.push(core);
  return core;
}

const v = (variableId: string): Template => [{ kind: 'variable', variableId }];

/** Two environments, a key with a value in each (one replaced, so an earlier value is retired), a variable, a workflow using both. */
async function populate(core: TestCore) {
  const staging = (await core.call('environments.create', { name: 'Staging' })).environments.find((e) => e.name === 'Staging')!;
  const values = {
    first: canaryValue('first'),
    default: canaryValue('dev'),
    staging: canaryValue('staging'),
    other: canaryValue('other'),
    otherStaging: canaryValue('other-staging'),
  };
  const key = await core.call('secrets.create', { name: 'API token', value: values.first, visibility: 'masked' });
  await core.call('secrets.updateValue', { id: key.id, value: values.default });
  await core.call('secrets.updateValue', { id: key.id, value: values.staging, environmentId: staging.id });
  const other = await core.call('secrets.create', { name: 'Other', value: values.other });
  await core.call('secrets.updateValue', { id: other.id, value: values.otherStaging, environmentId: staging.id });
  const base = (await core.call('variables.create', { name: 'base_url', values: { default: `${echo.url}/dev`, [staging.id]: `${echo.url}/staging` } })).variables[0]!;
  const workflow = await core.call('workflows.create', { name: 'Charge' });
  await core.call('workflows.save', {
    id: workflow.id,
    name: workflow.name,
    definition: definition(
      httpStep('Call API', {
        url: [...v(base.id), { kind: 'text', text: '/charge' }],
        auth: { kind: 'bearer', token: s(key.id) },
        method: 'POST',
        body: { kind: 'text', text: s(other.id), contentType: 'text/plain' },
      }),
      codeStep('Echo it', 'return { ok: true };'),
    ),
  });
  return { staging, values, key, other, workflow };
}

/** What the server received from one run of the workflow in an environment. */
async function received(core: TestCore, workflowId: string, environmentId: string) {
  echo.received.length = 0;
  const run = await finishedRun(core, (await core.call('runs.start', { workflowId, environmentId })).id);
  expect(run.status).toBe('ok');
  return echo.received.map(({ method, url, headers, body }) => ({ method, url, authorization: headers.authorization, body }));
}

/** Every row of the tables a restore writes, sealed values by length only (they are sealed afresh each time). */
function snapshot(core: TestCore): string {
  const tables = ['environments', 'secrets', 'secret_values', 'retired_values', 'variables', 'workflows', 'secret_references', 'runs', 'workspaces'];
  return JSON.stringify(
    tables.map((table) =>
      core
        .peek<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY 1, 2, 3`)
        .map((row) => Object.fromEntries(Object.entries(row).map(([k, value]) => [k, Buffer.isBuffer(value) ? value.length : value]))),
    ),
  );
}

describe('backup and restore', () => {
  it('restores a workspace on another profile with another keychain: the server receives the same values, and no file holds a value', async () => {
    const source = await open();
    const { staging, values, workflow } = await populate(source);
    const before = { dev: await received(source, workflow.id, 'default'), staging: await received(source, workflow.id, staging.id) };
    expect(before.dev[0]).toMatchObject({ authorization: `Bearer ${values.default}`, body: values.other });

    const file = join(tempDir('backup'), 'personal.kfbackup');
    const made = await source.call('backups.create', { path: file, passphrase: PASSPHRASE, includeRuns: true });
    expect(made.path).toBe(file);
    expect((await source.call('backups.status', {})).lastBackupAt).toBe(made.createdAt);
    const vaultId = source.peek<{ value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")[0]!.value;
    await source.core.close();
    opened.splice(opened.indexOf(source), 1);
    // The first profile's master key is gone from the keychain: the backup must stand on its own.
    await new KeytarKeyStore().delete(`master-key:${vaultId}`);

    const target = await open({ keychain: new KeytarKeyStore('Keyflow-backup-test-profile') });
    const preview = await target.call('backups.preview', { path: file, passphrase: PASSPHRASE });
    expect(preview.backup).toMatchObject({ workspaceName: 'Personal', workspaceKind: 'personal', includesRuns: true });
    expect(preview.keys).toMatchObject({ added: 2, replaced: 0, unchanged: 0, addedNames: ['API token', 'Other'] });
    expect(preview.environments).toMatchObject({ added: 1, unchanged: 1 });
    expect(preview.workflows.added).toBe(1);
    expect(preview.variables.added).toBe(1);
    expect(preview.runs?.added).toBe(2);
    expect(target.peek('SELECT * FROM secrets')).toEqual([]); // a preview changes nothing

    const result = await target.call('backups.restore', { previewId: preview.previewId });
    expect(result).toEqual({ keys: 2, environments: 1, variables: 1, workflows: 1, runs: 2 });
    expect(await received(target, workflow.id, 'default')).toEqual(before.dev);
    expect(await received(target, workflow.id, staging.id)).toEqual(before.staging);
    expect(target.peek<{ n: number }>('SELECT COUNT(*) AS n FROM retired_values')[0]!.n).toBe(1);
    const keys = await target.call('secrets.list', {});
    expect(keys.find((key) => key.name === 'API token')?.values.map((entry) => entry.hint)).toEqual([values.default.slice(-4), values.staging.slice(-4)]);
    expect(JSON.stringify(keys)).not.toContain(values.default);

    // Restoring the same backup again changes nothing.
    const again = await target.call('backups.preview', { path: file, passphrase: PASSPHRASE });
    expect([again.keys, again.environments, again.variables, again.workflows].map((part) => [part.added, part.replaced])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(again.runs).toMatchObject({ added: 0, unchanged: 2 });

    for (const value of Object.values(values)) {
      expect(leakedForms(readFileSync(file), value)).toEqual([]);
      expect(leaksInFiles(source.userDataDir, value)).toEqual([]);
      expect(leaksInFiles(target.userDataDir, value)).toEqual([]);
    }
  });

  it('previews what will be added, replaced and left, renames a clashing name, and restores exactly that', async () => {
    const source = await open({ backupEncryption: CHEAP });
    const { key, other, values } = await populate(source);
    const file = join(tempDir('backup'), 'merge.kfbackup');
    await source.call('backups.create', { path: file, passphrase: PASSPHRASE });
    // The same user-data dir later: one key re-valued, one renamed, a new key that took a backed-up name.
    const changed = canaryValue('changed');
    await source.call('secrets.updateValue', { id: key.id, value: changed });
    await source.call('secrets.rename', { id: other.id, name: 'Renamed' });
    await source.call('secrets.create', { name: 'Other', value: canaryValue('newcomer') });
    const preview = await source.call('backups.preview', { path: file, passphrase: PASSPHRASE });
    expect(preview.keys).toMatchObject({ added: 0, replaced: 2, unchanged: 0, replacedNames: ['API token', 'Other (restored)'] });
    expect(preview.renamed).toEqual([{ kind: 'key', from: 'Other', to: 'Other (restored)' }]);
    expect(preview.workflows).toMatchObject({ added: 0, replaced: 0, unchanged: 1 });
    expect(preview.runs).toBeNull();

    await source.call('backups.restore', { previewId: preview.previewId });
    const keys = await source.call('secrets.list', {});
    expect(keys.map((k) => k.name).sort()).toEqual(['API token', 'Other', 'Other (restored)']);
    // The replaced value is retired (runs go on masking it), the backed-up one is current again.
    const token = keys.find((k) => k.id === key.id)!;
    expect(token.values[0]!.hint).toBe(values.default.slice(-4));
    expect(token.values[0]!.valueVersion).toBeGreaterThan(3);
    const retired = source.peek<{ version: number }>('SELECT version FROM retired_values WHERE secret_id = ? ORDER BY version', key.id);
    expect(retired.length).toBe(3); // the first value, the backed-up one when it was changed, and the changed one
    // A preview is used once.
    expect((await source.fail('backups.restore', { previewId: preview.previewId })).code).toBe('not_found');
  });

  it('refuses a tampered or truncated backup by its authentication, and a wrong passphrase, changing nothing', async () => {
    const source = await open({ backupEncryption: CHEAP });
    await populate(source);
    const dir = tempDir('backup');
    const file = join(dir, 'good.kfbackup');
    await source.call('backups.create', { path: file, passphrase: PASSPHRASE });
    const bytes = readFileSync(file);
    const target = await open({ keychain: new KeytarKeyStore('Keyflow-backup-test-profile'), backupEncryption: CHEAP });
    await target.call('secrets.create', { name: 'Mine', value: canaryValue('mine') });
    const unchanged = snapshot(target);

    const variant = (name: string, content: Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const flipped = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 0x01;
      return copy;
    };
    const headerEnd = 20 + bytes.readUInt32BE(16);
    const cases: [string, Buffer, string, RegExp][] = [
      ['header', flipped(30), 'invalid_request', /header is damaged or was altered/],
      ['magic', flipped(2), 'invalid_request', /not a Keyflow backup/],
      ['format', flipped(15), 'invalid_request', /format 0/],
      ['header MAC', flipped(headerEnd + 40), 'wrong_passphrase', /passphrase does not open/],
      ['payload', flipped(headerEnd + 64 + 4 + 10), 'invalid_request', /cut short or was altered|damaged or was altered/],
      ['last byte', flipped(bytes.length - 1), 'invalid_request', /cut short or was altered/],
      ['truncated', bytes.subarray(0, bytes.length - 100), 'invalid_request', /cut short/],
      ['truncated in header', bytes.subarray(0, 40), 'invalid_request', /cut short/],
      ['appended', Buffer.concat([bytes, Buffer.from('more')]), 'invalid_request', /cut short|altered|data after its end/],
      ['empty', Buffer.alloc(0), 'invalid_request', /not a Keyflow backup/],
    ];
    for (const [name, content, code, message] of cases) {
      const error = await target.fail('backups.preview', { path: variant(`${name}.kfbackup`, content), passphrase: PASSPHRASE });
      expect({ name, code: error.code }).toEqual({ name, code });
      expect(error.message).toMatch(message);
    }
    const wrong = await target.fail('backups.preview', { path: file, passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ code: 'wrong_passphrase', message: 'That passphrase does not open this backup.' });
    expect((await target.fail('backups.preview', { path: join(dir, 'missing.kfbackup'), passphrase: PASSPHRASE })).code).toBe('not_found');
    expect((await target.fail('backups.restore', { previewId: 'never-previewed' })).code).toBe('not_found');
    expect(snapshot(target)).toBe(unchanged);
    // The good file still restores.
    const preview = await target.call('backups.preview', { path: file, passphrase: PASSPHRASE });
    await target.call('backups.restore', { previewId: preview.previewId });
    expect((await target.call('secrets.list', {})).map((key) => key.name).sort()).toEqual(['API token', 'Mine', 'Other']);
  });

  it('rate-limits wrong passphrases with a back-off that survives a restart, and a right one resets it', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const clock = () => new Date(now);
    const source = await open({ backupEncryption: CHEAP, clock });
    await populate(source);
    const file = join(tempDir('backup'), 'limited.kfbackup');
    await source.call('backups.create', { path: file, passphrase: PASSPHRASE });
    const wrong = () => source.fail('backups.preview', { path: file, passphrase: 'wrong passphrase' });
    for (let attempt = 1; attempt <= 4; attempt++) expect((await wrong()).code).toBe('wrong_passphrase');
    // The 4th failure waits 2 s: even the right passphrase is refused until then.
    const limited = await source.fail('backups.preview', { path: file, passphrase: PASSPHRASE });
    expect(limited).toMatchObject({ code: 'forbidden', message: 'Too many wrong backup passphrases: try again in 2 seconds.' });
    now += 2000;
    expect((await wrong()).code).toBe('wrong_passphrase');
    expect((await source.fail('backups.preview', { path: file, passphrase: PASSPHRASE })).message).toMatch(/try again in 4 seconds/);

    await source.core.close();
    opened.splice(opened.indexOf(source), 1);
    const reopened = await open({ userDataDir: source.userDataDir, backupEncryption: CHEAP, clock });
    expect((await reopened.fail('backups.preview', { path: file, passphrase: PASSPHRASE })).message).toMatch(/try again in 4 seconds/);
    now += 4000;
    await reopened.call('backups.preview', { path: file, passphrase: PASSPHRASE });
    for (let attempt = 1; attempt <= 3; attempt++) expect((await reopened.fail('backups.preview', { path: file, passphrase: 'wrong' })).code).toBe('wrong_passphrase');
  });

  it('refuses a weak passphrase, an existing file and a missing folder, writing nothing', async () => {
    const core = await open({ backupEncryption: CHEAP });
    const dir = tempDir('backup');
    expect((await core.fail('backups.create', { path: join(dir, 'a.kfbackup'), passphrase: 'short' })).field).toBe('passphrase');
    writeFileSync(join(dir, 'taken.kfbackup'), 'mine');
    expect((await core.fail('backups.create', { path: join(dir, 'taken.kfbackup'), passphrase: PASSPHRASE })).code).toBe('conflict');
    expect(readFileSync(join(dir, 'taken.kfbackup'), 'utf8')).toBe('mine');
    expect((await core.fail('backups.create', { path: join(dir, 'gone', 'a.kfbackup'), passphrase: PASSPHRASE })).code).toBe('not_found');
    expect(readdirSync(dir)).toEqual(['taken.kfbackup']);
  });
});

describe('automatic backups', () => {
  it('are off by default; once on, back up daily into the chosen folder, keep the newest 7, and report a folder that is gone while the app keeps working', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const timers: (() => void)[] = [];
    const core = await open({ backupEncryption: CHEAP, clock: () => new Date(now), setTimer: (run) => (timers.push(run), () => timers.splice(timers.indexOf(run), 1)) });
    const { values } = await populate(core);
    expect(await core.call('backups.status', {})).toMatchObject({ enabled: false, folder: null, lastBackupAt: null, hasPassphrase: false });
    expect(timers).toEqual([]);

    const folder = join(tempDir('backups'), 'Keyflow backups');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'not ours');
    expect((await core.fail('backups.setSchedule', { enabled: true, folder })).field).toBe('passphrase');
    expect((await core.fail('backups.setSchedule', { enabled: true, folder: join(folder, 'nope'), passphrase: PASSPHRASE })).code).toBe('not_found');
    const on = await core.call('backups.setSchedule', { enabled: true, folder, passphrase: PASSPHRASE });
    expect(on).toMatchObject({ enabled: true, folder, hasPassphrase: true });

    const tick = async () => {
      const before = await core.call('backups.status', {});
      timers.shift()!();
      // The timer's backup is asynchronous: wait for its outcome to be recorded.
      for (;;) {
        const status = await core.call('backups.status', {});
        if (status.lastBackupAt !== before.lastBackupAt || (status.lastError && status.lastError !== before.lastError)) return status;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const ours = () =>
      readdirSync(folder)
        .filter((name) => name.endsWith('.kfbackup'))
        .sort();
    const first = await tick();
    expect(first.lastBackupAt).toBe(new Date(now).toISOString());
    expect(first.nextBackupAt).toBe(new Date(now + 86_400_000).toISOString());
    for (let day = 1; day <= 8; day++) {
      now += 86_400_000;
      await tick();
    }
    expect(ours().length).toBe(7);
    expect(ours()[6]).toBe(`keyflow-${new Date(now).toISOString().replace(/:/g, '-').replace('.', '-')}.kfbackup`);
    expect(readdirSync(folder)).toContain('notes.txt');
    for (const name of ours()) for (const value of Object.values(values)) expect(leakedForms(readFileSync(join(folder, name)), value)).toEqual([]);
    // The passphrase is in the keychain, not in the database.
    expect(leaksInFiles(core.userDataDir, PASSPHRASE)).toEqual([]);

    // The newest restores elsewhere.
    const elsewhere = await open({ keychain: new KeytarKeyStore('Keyflow-backup-test-profile'), backupEncryption: CHEAP });
    const preview = await elsewhere.call('backups.preview', { path: join(folder, ours()[6]!), passphrase: PASSPHRASE });
    expect(preview.keys.added).toBe(2);

    rmSync(folder, { recursive: true });
    now += 86_400_000;
    const failed = await tick();
    expect(failed.lastError).toMatch(/backup folder .* is gone/);
    expect((await core.call('secrets.list', {})).length).toBe(2);
    mkdirSync(folder);
    await tick();
    expect((await core.call('backups.status', {})).lastError).toBeNull();
    expect(ours().length).toBe(1);

    const off = await core.call('backups.setSchedule', { enabled: false });
    expect(off).toMatchObject({ enabled: false, hasPassphrase: false, nextBackupAt: null });
    expect(timers).toEqual([]);
  });
});
