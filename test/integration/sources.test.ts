/**
 * External sources, read in main at run time and never stored: KeePassXC databases and a
 * pass store made with the real tools from Debian (keepassxc-cli; pass with a throwaway
 * GnuPG key), environment variables and .env files for real, and — since neither can be
 * installed here — 1Password's `op` and a HashiCorp Vault server as local STAND-INS that
 * follow their documented interfaces (test/support/standins). Bad input of every kind gives
 * a clear error naming the provider and the reason, stores nothing, and leaves the app working.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/model/run';
import type { SourceReference } from '../../shared/model/source';
import { openCore, type TestCore, finishedRun } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { tempDir } from '../support/host-process';
import { codeStep, definition, httpStep, s, t } from '../support/steps';
import { argon2Database, keepassDatabase, passStore, type KeePassDatabase, type PassStore } from '../support/password-stores';
import { startVaultStandIn, type VaultStandIn } from '../support/standins/vault-standin';

// Generous for reads (op, pass and gpg start slowly on a busy machine); short where a hang is the point.
const TIMEOUT_MS = 30_000;
const HANG_DEADLINE_MS = 2_000;

let echo: EchoServer;
let vault: VaultStandIn;
let pass: PassStore;
let op: { file: string; log: string; set(state: { signedIn?: boolean; hang?: boolean; items?: Record<string, string> }): void };
let core: TestCore;

beforeAll(async () => {
  echo = await startEchoServer();
  vault = await startVaultStandIn('hvs.test-token-0123456789');
  pass = passStore();
  Object.assign(process.env, pass.env);
  // The `op` stand-in, first on PATH, as an installed op would be.
  const bin = tempDir('op-bin');
  const file = join(bin, 'state.json');
  const log = join(bin, 'calls.log');
  writeFileSync(join(bin, 'op'), `#!/bin/sh\nexec "${process.execPath}" "${join(__dirname, '..', 'support', 'standins', 'op-standin.mjs')}" "$@"\n`);
  chmodSync(join(bin, 'op'), 0o755);
  Object.assign(process.env, { PATH: `${bin}:${process.env.PATH}`, OP_STANDIN_FILE: file, OP_STANDIN_LOG: log });
  op = { file, log, set: (state) => writeFileSync(file, JSON.stringify({ signedIn: true, hang: false, items: {}, ...state })) };
  op.set({});
});
afterAll(async () => {
  await echo.close();
  await vault.close();
});
beforeEach(async () => {
  core = await openCore({ sourceTimeoutMs: TIMEOUT_MS });
  echo.received.length = 0;
});
afterEach(() => core.core.close());

/** A key linked to `source` (Readable by Run Code), used as a Bearer token and read by code, run once; returns the run. */
async function runLinked(source: SourceReference, name = 'Linked key'): Promise<{ run: Run; keyId: string }> {
  const key = await core.call('secrets.create', { name, source, readableByRunCode: true });
  const workflow = await core.call('workflows.create', { name: `Uses ${name} ${Math.random()}` });
  await core.call('workflows.save', {
    id: workflow.id,
    name: workflow.name,
    definition: definition(
      httpStep('Call API', { url: t(`${echo.url}/echo?as=base64`), auth: { kind: 'bearer', token: s(key.id) } }),
      codeStep('Read it', 'return { value: input.token, length: input.token.length };', [{ name: 'token', value: s(key.id) }]),
    ),
  });
  return { run: await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id })).id), keyId: key.id };
}

/** The value reached the server and nothing else: not the run, the key list, the database, the logs. */
async function expectUsedAndNeverKept(run: Run, value: string): Promise<void> {
  expect(run.status).toBe('ok');
  expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${value}`);
  expect((run.steps[1]!.output as { value: string; length: number }).value).toMatch(/^\*\*\*REDACTED-[A-Za-z0-9-]+\*\*\*$/);
  expect((run.steps[1]!.output as { length: number }).length).toBe(value.length);
  expect(leakedForms(JSON.stringify(run), value)).toEqual([]);
  expect(leakedForms(JSON.stringify(await core.call('secrets.list', {})), value)).toEqual([]);
  expect(leaksInFiles(core.userDataDir, value)).toEqual([]);
}

describe('KeePassXC (.kdbx, made by keepassxc-cli)', () => {
  let db: KeePassDatabase;
  let value: string;
  beforeAll(() => {
    db = keepassDatabase();
    value = canaryValue('kdbx');
    db.add('Payments/Stripe', value, 'billing@example.com');
    db.add('Payments/Huge', 'h'.repeat(64 * 1024 + 1));
  });

  it('reads an entry’s field once the database is unlocked for this launch; Test shows its length and hint only', async () => {
    const source: SourceReference = { provider: 'keepass', database: db.path, entry: 'Payments/Stripe', field: 'Password' };
    expect(await core.fail('sources.test', { source })).toMatchObject({
      code: 'invalid_request',
      message: `KeePassXC / KeePass: the database ${db.path} is locked: unlock it (Secret Keys ▸ External sources) and try again.`,
    });
    expect(await core.fail('sources.unlockKeePass', { database: db.path, password: 'wrong password' })).toMatchObject({
      code: 'invalid_request',
      message: `KeePassXC / KeePass: the password or key file is wrong for ${db.path}.`,
    });
    expect(await core.call('sources.unlockKeePass', { database: db.path, password: db.password })).toEqual({ unlockedDatabases: [db.path] });
    expect(await core.call('sources.test', { source })).toEqual({ provider: 'keepass', length: value.length, hint: value.slice(-4) });
    expect(await core.call('sources.test', { source: { ...source, field: 'username' } })).toMatchObject({ length: 'billing@example.com'.length });

    const { run } = await runLinked(source);
    await expectUsedAndNeverKept(run, value);
    // Nothing of it in the database: only the reference.
    expect(core.peek('SELECT sealed_value, source FROM secret_values')).toEqual([{ sealed_value: null, source: JSON.stringify(source) }]);

    // Locked again (or after a restart): the run fails before sending, saying why.
    expect(await core.call('sources.lock', {})).toEqual({ unlockedDatabases: [] });
    echo.received.length = 0;
    const { run: locked } = await runLinked(source, 'After lock');
    expect(locked.steps.map((step) => step.status)).toEqual(['failed', 'skipped']);
    expect(locked.steps[0]!.error!.message).toBe(
      `Step 1 “Call API”, field Bearer token: the secret key “After lock” could not be read from KeePassXC / KeePass (Default): KeePassXC / KeePass: the database ${db.path} is locked: unlock it (Secret Keys ▸ External sources) and try again. Nothing was sent.`,
    );
    expect(echo.received).toEqual([]);
  });

  it('reads a KDBX 4 database with Argon2id (KeePassXC’s default), which keepassxc-cli reads back', async () => {
    const value = canaryValue('argon2');
    const argon2 = await argon2Database('Deploy key', value);
    await core.call('sources.unlockKeePass', { database: argon2.path, password: argon2.password });
    expect(await core.call('sources.test', { source: { provider: 'keepass', database: argon2.path, entry: 'Deploy key', field: 'password' } })).toEqual({
      provider: 'keepass',
      length: value.length,
      hint: value.slice(-4),
    });
  });

  it('opens a database protected by a password and a key file, and reads a changed file afresh', async () => {
    const keyed = keepassDatabase({ keyFile: true });
    keyed.add('Token', 'first-value-0123456789');
    const source: SourceReference = { provider: 'keepass', database: keyed.path, entry: '/Token', field: 'Password' };
    expect(await core.fail('sources.unlockKeePass', { database: keyed.path, password: keyed.password })).toMatchObject({
      message: expect.stringContaining('password or key file is wrong'),
    });
    await core.call('sources.unlockKeePass', { database: keyed.path, password: keyed.password, keyFile: keyed.keyFile! });
    expect((await core.call('sources.test', { source })).length).toBe('first-value-0123456789'.length);
    keyed.add('Other', 'second-entry-value-99');
    expect((await core.call('sources.test', { source: { ...source, entry: 'Other' } })).length).toBe('second-entry-value-99'.length);
  });

  it('says what is wrong with a corrupt file, a missing entry or field, and a value over 64 KiB — and stores nothing', async () => {
    await core.call('sources.unlockKeePass', { database: db.path, password: db.password });
    const base = { provider: 'keepass', database: db.path, field: 'Password' } as const;
    expect((await core.fail('sources.test', { source: { ...base, entry: 'Payments/Nope' } })).message).toBe(`KeePassXC / KeePass: no entry “Payments/Nope” in ${db.path}.`);
    expect((await core.fail('sources.test', { source: { ...base, entry: 'Payments/Stripe', field: 'PIN' } })).message).toBe(
      'KeePassXC / KeePass: the entry “Payments/Stripe” has no field “PIN”.',
    );
    expect((await core.fail('sources.test', { source: { ...base, entry: 'Payments/Huge' } })).message).toBe(
      'KeePassXC / KeePass: the value is larger than 64 KiB, the most a key can hold.',
    );

    const corrupt = join(tempDir('kdbx-corrupt'), 'Broken.kdbx');
    const bytes = readFileSync(db.path);
    writeFileSync(corrupt, bytes.subarray(0, 150)); // cut inside its header
    expect((await core.fail('sources.unlockKeePass', { database: corrupt, password: db.password })).message).toBe(
      `KeePassXC / KeePass: ${corrupt} is damaged and could not be opened.`,
    );
    const notKdbx = join(tempDir('kdbx-text'), 'notes.kdbx');
    writeFileSync(notKdbx, 'just some text, not a database');
    expect((await core.fail('sources.unlockKeePass', { database: notKdbx, password: 'x' })).message).toBe(`KeePassXC / KeePass: ${notKdbx} is not a KeePass database (.kdbx).`);
    expect((await core.fail('sources.unlockKeePass', { database: 'relative/Team.kdbx', password: 'x' })).message).toMatch(/must be a full path/);
    expect(await core.call('sources.status', {})).toEqual({ unlockedDatabases: [db.path] });
    expect(core.peek('SELECT COUNT(*) AS n FROM secret_values')).toEqual([{ n: 0 }]);
    // The app keeps working.
    expect((await core.call('secrets.create', { name: 'Still works', value: 'stored-value-123456' })).name).toBe('Still works');
  });
});

describe('pass (GnuPG, a throwaway key)', () => {
  it('reads the first line or a named field; says which entry or line is missing', async () => {
    const value = canaryValue('pass');
    pass.insert('work/github', `${value}\nlogin: ann\ntoken: gh-token-field-value-0123\n`);
    const source: SourceReference = { provider: 'pass', entry: 'work/github', field: null };
    expect(await core.call('sources.test', { source })).toEqual({ provider: 'pass', length: value.length, hint: value.slice(-4) });
    expect((await core.call('sources.test', { source: { ...source, field: 'Token' } })).length).toBe('gh-token-field-value-0123'.length);
    expect((await core.fail('sources.test', { source: { ...source, field: 'pin' } })).message).toBe('pass: “work/github” has no line “pin: …”.');
    expect((await core.fail('sources.test', { source: { ...source, entry: 'work/gitlab' } })).message).toBe('pass: no entry “work/gitlab” in the password store.');
    expect((await core.fail('sources.test', { source: { ...source, entry: '--help' } })).message).toBe('pass: “--help” is not an entry name.');
    const { run } = await runLinked(source);
    await expectUsedAndNeverKept(run, value);
  });
});

describe('environment variables and .env files', () => {
  it('reads a variable of the process, or a name in a .env file', async () => {
    const value = canaryValue('env');
    process.env.KEYFLOW_TEST_LINKED = value;
    const { run } = await runLinked({ provider: 'env', name: 'KEYFLOW_TEST_LINKED', file: null });
    await expectUsedAndNeverKept(run, value);

    const dotenv = join(tempDir('dotenv'), '.env');
    const fromFile = canaryValue('dotenv');
    writeFileSync(dotenv, `# staging\nexport OTHER=1\nSTRIPE_KEY="${fromFile}"\n`);
    expect(await core.call('sources.test', { source: { provider: 'env', name: 'STRIPE_KEY', file: dotenv } })).toMatchObject({ length: fromFile.length });
    expect((await core.fail('sources.test', { source: { provider: 'env', name: 'MISSING', file: dotenv } })).message).toBe(`Environment variable: ${dotenv} has no MISSING.`);
    expect((await core.fail('sources.test', { source: { provider: 'env', name: 'KEYFLOW_NOT_SET_ANYWHERE', file: null } })).message).toBe(
      'Environment variable: the environment variable KEYFLOW_NOT_SET_ANYWHERE is not set for this process.',
    );
    process.env.KEYFLOW_TEST_HUGE = 'x'.repeat(64 * 1024 + 1);
    expect((await core.fail('sources.test', { source: { provider: 'env', name: 'KEYFLOW_TEST_HUGE', file: null } })).message).toBe(
      'Environment variable: the value is larger than 64 KiB, the most a key can hold.',
    );
    expect(await core.fail('sources.test', { source: { provider: 'env', name: 'not a name', file: null } })).toMatchObject({ code: 'invalid_request', field: 'source.name' });
  });
});

describe('1Password (op STAND-IN: op cannot be installed on these machines)', () => {
  it('reads op:// references with `op read`, once per key per run, and explains a signed-out op and a missing item', async () => {
    const value = canaryValue('op');
    op.set({ items: { 'op://Engineering/Stripe/credential': value } });
    writeFileSync(op.log, '');
    const source: SourceReference = { provider: '1password', reference: 'op://Engineering/Stripe/credential' };
    const { run } = await runLinked(source);
    await expectUsedAndNeverKept(run, value);
    // Two fields used it; op was asked once, with --no-newline.
    expect(readFileSync(op.log, 'utf8').trim().split('\n')).toEqual([JSON.stringify(['read', '--no-newline', 'op://Engineering/Stripe/credential'])]);

    op.set({ signedIn: false, items: { 'op://Engineering/Stripe/credential': value } });
    expect((await core.fail('sources.test', { source })).message).toBe('1Password: op is not signed in: run “op signin” (or turn on the 1Password app integration) and try again.');
    op.set({});
    expect((await core.fail('sources.test', { source })).message).toBe(
      '1Password: could not read secret \'op://Engineering/Stripe/credential\': "Stripe" isn\'t an item in the "Engineering" vault. Specify the item with its UUID, name, or domain.',
    );
  });

  it('stops an op that hangs at the deadline, and fails the run before it sends anything', async () => {
    await core.core.close();
    core = await openCore({ sourceTimeoutMs: HANG_DEADLINE_MS });
    op.set({ hang: true });
    const { run } = await runLinked({ provider: '1password', reference: 'op://Engineering/Slow/credential' });
    expect(run.steps[0]!.error!.message).toBe(
      `Step 1 “Call API”, field Bearer token: the secret key “Linked key” could not be read from 1Password (Default): 1Password: no answer within ${Math.round(HANG_DEADLINE_MS / 1000)} s (timed out); it was stopped. Nothing was sent.`,
    );
    expect(echo.received).toEqual([]);
    op.set({});
    expect((await core.call('secrets.list', {})).map((key) => key.name)).toEqual(['Linked key']);
  });

  it('says so when op is not installed', async () => {
    const path = process.env.PATH!;
    process.env.PATH = '/nonexistent';
    try {
      expect((await core.fail('sources.test', { source: { provider: '1password', reference: 'op://a/b/c' } })).message).toBe(
        '1Password: the 1Password command line tool (op) is not installed on this computer.',
      );
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('HashiCorp Vault KV v2 (server STAND-IN: Vault cannot be installed on these machines)', () => {
  it('reads a field with the token kept in the keychain (or VAULT_TOKEN), and explains 403, 404 and a missing field', async () => {
    const value = canaryValue('vault');
    vault.secrets.set('secret', new Map([['payments/stripe', { api_key: value, owner: 'billing' }]]));
    const source: SourceReference = { provider: 'vault', address: vault.address, mount: 'secret', path: 'payments/stripe', field: 'api_key' };
    expect((await core.fail('sources.test', { source })).message).toBe(
      `HashiCorp Vault: no token for ${vault.address}: save one in Keyflow (External sources ▸ Vault token), or set VAULT_TOKEN.`,
    );

    process.env.VAULT_TOKEN = 'hvs.wrong-token';
    expect((await core.fail('sources.test', { source })).message).toBe(
      'HashiCorp Vault: permission denied (HTTP 403): the token may not read secret/payments/stripe, or it expired.',
    );
    delete process.env.VAULT_TOKEN;

    await core.call('sources.setVaultToken', { address: `${vault.address}/ui/`, token: vault.token });
    const { run } = await runLinked(source);
    await expectUsedAndNeverKept(run, value);
    expect(vault.requests.at(-1)).toEqual({ path: '/v1/secret/data/payments/stripe', token: vault.token });
    expect(leaksInFiles(core.userDataDir, vault.token)).toEqual([]);

    expect((await core.fail('sources.test', { source: { ...source, path: 'payments/none' } })).message).toBe('HashiCorp Vault: no secret at secret/payments/none (HTTP 404).');
    expect((await core.fail('sources.test', { source: { ...source, field: 'pin' } })).message).toBe('HashiCorp Vault: secret/payments/stripe has no field “pin”.');
    process.env.VAULT_TOKEN = vault.token;
    try {
      expect((await core.fail('sources.test', { source: { ...source, address: 'http://127.0.0.1:9' } })).message).toMatch(
        /^HashiCorp Vault: http:\/\/127\.0\.0\.1:9 could not be reached \(/,
      );
    } finally {
      delete process.env.VAULT_TOKEN;
    }
  });
});

describe('linked keys in environments', () => {
  it('a key may hold a stored value in one environment and a link in another; Test works on the saved link', async () => {
    const staging = (await core.call('environments.create', { name: 'Staging' })).environments[1]!;
    const stored = canaryValue('stored');
    const linked = canaryValue('linked-env');
    process.env.KEYFLOW_TEST_STAGING = linked;
    const key = await core.call('secrets.create', { name: 'Mixed', value: stored });
    const after = await core.call('secrets.link', { id: key.id, environmentId: staging.id, source: { provider: 'env', name: 'KEYFLOW_TEST_STAGING', file: null } });
    expect(after.values.map((entry) => [entry.environmentId, entry.source?.provider ?? 'stored'])).toEqual([
      ['default', 'stored'],
      [staging.id, 'env'],
    ]);
    expect(await core.call('secrets.testLink', { id: key.id, environmentId: staging.id })).toEqual({ provider: 'env', length: linked.length, hint: linked.slice(-4) });
    expect((await core.fail('secrets.testLink', { id: key.id, environmentId: 'default' })).message).toBe('“Mixed” is not linked to an external source in that environment.');
    const workflow = await core.call('workflows.create', { name: 'Mixed run' });
    await core.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(httpStep('Call', { url: t(`${echo.url}/x`), auth: { kind: 'bearer', token: s(key.id) } })),
    });
    await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id, environmentId: 'default' })).id);
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${stored}`);
    await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id, environmentId: staging.id })).id);
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${linked}`);
    expect(leaksInFiles(core.userDataDir, linked)).toEqual([]);
  });
});
