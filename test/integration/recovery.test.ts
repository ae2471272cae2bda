/**
 * The recovery kit with real parts: the real core on real SQLite files, the real GNOME
 * Keyring (entries deleted from it between two launches, as an OS reinstall or a keychain
 * reset does), and a real HTTP server that receives what the runs send.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/keyflow-core';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import { KeyStoreUnavailableError, type KeyStore } from '../../electron/core/keystore/key-store';
import { recoveryKeyOf } from '../../shared/model/recovery-key';
import type { CallResult } from '../../shared/bridge/contract';
import { openCore, type TestCore, finishedRun } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { definition, httpStep, s, t } from '../support/steps';
import { createTeam, invite, person, type Person } from '../support/team';
import { tempDir } from '../support/host-process';

const keychain = new KeytarKeyStore();
let echo: EchoServer;
const opened: TestCore[] = [];

beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
afterEach(async () => {
  for (const t of opened.splice(0)) await t.core.close();
});

async function core(options: Parameters<typeof openCore>[0] = {}): Promise<TestCore> {
  const c = await openCore(options);
  opened.push(c);
  return c;
}

async function restart(previous: TestCore, options: Omit<Parameters<typeof openCore>[0] & object, 'userDataDir'> = {}): Promise<TestCore> {
  await previous.core.close();
  opened.splice(opened.indexOf(previous), 1);
  return core({ ...options, userDataDir: previous.userDataDir });
}

const vaultIdOf = (c: TestCore) => c.peek<{ value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")[0]!.value;
const metaOf = (c: TestCore, key: string) => c.peek<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)[0]?.value;

/** What an OS reinstall or a keychain reset does: Keyflow's entries are gone from the real keyring. */
async function loseKeychainEntries(vaultId: string): Promise<void> {
  await keychain.delete(`master-key:${vaultId}`);
  await keychain.delete(`device-keys:${vaultId}`);
  expect(await keychain.get(`master-key:${vaultId}`)).toBeNull();
}

/** A stand-in for a keychain that can't be reached (the real one here always can): the passphrase path needs one. */
const unreachableKeychain: KeyStore = {
  description: 'the OS keychain',
  get: () => Promise.reject(new KeyStoreUnavailableError('No Secret Service is running.', 'Start one.')),
  set: () => Promise.reject(new KeyStoreUnavailableError('No Secret Service is running.', 'Start one.')),
  delete: () => Promise.reject(new KeyStoreUnavailableError('No Secret Service is running.', 'Start one.')),
};

/** A workflow that sends the secret to the echo server as a bearer token. */
async function workflowSending(c: TestCore, secretId: string, name = 'Call API'): Promise<string> {
  const workflow = await c.call('workflows.create', { name });
  await c.call('workflows.save', { id: workflow.id, name, definition: definition(httpStep('Send', { url: t(`${echo.url}/hook`), auth: { kind: 'bearer', token: s(secretId) } })) });
  return workflow.id;
}

/** Runs the workflow and returns the token the echo server received. */
async function sent(c: TestCore, workflowId: string): Promise<string> {
  const run = await finishedRun(c, (await c.call('runs.start', { workflowId })).id);
  expect(run.status).toBe('ok');
  return echo.received.at(-1)!.headers.authorization!.replace(/^Bearer /, '');
}

/** A well-formed recovery key that is not this vault's (its checksum is right). */
function anotherKey(): string {
  return recoveryKeyOf(Array.from({ length: 26 }, () => Math.floor(Math.random() * 32)));
}

/** Every file of a user-data dir (the database, its WAL, the log) and which of these texts or byte strings it holds. */
function filesHolding(dir: string, needles: (string | Buffer)[]): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => {
      const bytes = readFileSync(file);
      return needles.some((needle) => bytes.includes(needle));
    });
}

/** The forms a key (raw bytes) takes in files: raw, base64, base64url, hex. */
const byteForms = (raw: Buffer) => [raw, raw.toString('base64'), raw.toString('base64url'), raw.toString('hex'), raw.toString('hex').toUpperCase()];
/** The forms a recovery key takes when written down or typed. */
const keyForms = (key: string) => [key, key.replace(/-/g, ''), key.toLowerCase(), key.replace(/-/g, '').toLowerCase(), key.replace(/-/g, ' ')];

describe('opening a vault with its recovery key', () => {
  it('after the keychain entries were deleted between two launches: says so, opens with the key, stores a new entry, and the next runs send the same value', async () => {
    const first = await core();
    const canary = canaryValue('recovery');
    const secret = await first.call('secrets.create', { name: 'API token', value: canary });
    const workflowId = await workflowSending(first, secret.id);
    expect(await sent(first, workflowId)).toBe(canary);
    const kit = await first.call('recovery.create', {});
    await first.call('recovery.closeKit', { saved: true });
    const memberId = (await first.call('identity.get', {})).memberId;
    const vaultId = vaultIdOf(first);
    const masterKey = (await keychain.get(`master-key:${vaultId}`))!;
    const deviceKeys = (await keychain.get(`device-keys:${vaultId}`))!;
    await first.core.close();
    opened.pop();
    await loseKeychainEntries(vaultId);

    const second = await core({ userDataDir: first.userDataDir });
    const status = await second.call('vault.status', {});
    expect(status).toEqual({
      state: 'key-missing',
      keySource: 'keychain',
      problem: "The master key of this vault is missing from the OS keychain, so its secret keys and your identity can't be decrypted.",
    });
    expect(await second.call('recovery.status', {})).toMatchObject({ vaultId, key: { createdAt: kit.createdAt }, retryAt: null });
    expect(await second.fail('secrets.list', {})).toMatchObject({ code: 'keychain_unavailable' });
    // A typo is caught by the key's checksum: no derivation, no attempt counted, nothing stored.
    const typo = kit.key.slice(0, 5) + (kit.key[5] === 'A' ? 'B' : 'A') + kit.key.slice(6);
    expect(await second.fail('recovery.open', { key: typo })).toEqual({
      code: 'invalid_request',
      message: 'This recovery key has a typo: compare each group with your recovery kit.',
      field: 'key',
    });
    expect(metaOf(second, 'recovery_attempts')).toBeUndefined();
    expect(await keychain.get(`master-key:${vaultId}`)).toBeNull();

    // Typed as people do: lower case, spaces instead of hyphens.
    expect(await second.call('recovery.open', { key: kit.key.toLowerCase().replace(/-/g, ' ') })).toEqual({ state: 'unlocked', keySource: 'keychain' });
    expect(await keychain.get(`master-key:${vaultId}`)).toEqual(masterKey);
    expect(await keychain.get(`device-keys:${vaultId}`)).toEqual(deviceKeys);
    expect((await second.call('identity.get', {})).memberId).toBe(memberId);
    expect(await sent(second, workflowId)).toBe(canary);

    // The next launch opens from the new keychain entry, without the recovery key.
    const third = await restart(second);
    expect(await third.call('vault.status', {})).toEqual({ state: 'unlocked', keySource: 'keychain' });
    expect(await sent(third, workflowId)).toBe(canary);
  });

  it('keeps team membership: after recovery the same person opens values re-keyed for them and signs changes the team accepts', async () => {
    const root = tempDir('recovery-team');
    const ada = await person('Ada', root);
    const bob = await person('Bob', root);
    opened.push(ada, bob);
    const sync = await createTeam(ada);
    await invite(ada, bob, 'editor', sync);
    const before = canaryValue('team-before');
    const secret = await ada.call('secrets.create', { name: 'Shared token', value: before });
    await ada.call('workspaces.sync', {});
    sync.deliver(ada, bob);
    await bob.call('workspaces.sync', {});
    const workflowId = await workflowSending(bob, secret.id);
    expect(await sent(bob, workflowId)).toBe(before);
    const kit = await bob.call('recovery.create', {});
    await bob.call('recovery.closeKit', { saved: true });
    const bobId = (await bob.call('identity.get', {})).memberId;
    await bob.core.close();
    opened.splice(opened.indexOf(bob), 1);
    await loseKeychainEntries(vaultIdOf(bob));

    const bobAgain = Object.assign(await core({ userDataDir: bob.userDataDir }), { name: 'Bob', folder: bob.folder }) as Person;
    expect(await bobAgain.call('vault.status', {})).toMatchObject({ state: 'key-missing' });
    await bobAgain.call('recovery.open', { key: kit.key });
    expect((await bobAgain.call('identity.get', {})).memberId).toBe(bobId);

    // A new value gets a new data key, wrapped for Bob's public key: only his restored private key opens it.
    const after = canaryValue('team-after');
    await ada.call('secrets.updateValue', { id: secret.id, value: after });
    await ada.call('workspaces.sync', {});
    sync.deliver(ada, bobAgain);
    await bobAgain.call('workspaces.sync', {});
    expect(await sent(bobAgain, workflowId)).toBe(after);
    // And what Bob signs now still counts for the team.
    await bobAgain.call('secrets.create', { name: 'Made after recovery', value: canaryValue('bob-new') });
    await bobAgain.call('workspaces.sync', {});
    sync.deliver(bobAgain, ada);
    await ada.call('workspaces.sync', {});
    expect((await ada.call('secrets.list', {})).map((key) => key.name)).toContain('Made after recovery');
  });

  it('opens a passphrase vault whose passphrase is forgotten: a new passphrase works from then on, the old one no longer does', async () => {
    const first = await core({ keychain: unreachableKeychain });
    await first.call('vault.setUpPassphrase', { passphrase: 'the old passphrase, forgotten' });
    const canary = canaryValue('passphrase');
    const secret = await first.call('secrets.create', { name: 'API token', value: canary });
    const workflowId = await workflowSending(first, secret.id);
    const kit = await first.call('recovery.create', {});
    await first.call('recovery.closeKit', { saved: true });
    const oldWrapped = metaOf(first, 'passphrase_wrapped_key')!;

    const locked = await restart(first, { keychain: unreachableKeychain });
    expect(await locked.call('vault.status', {})).toEqual({ state: 'locked', keySource: 'passphrase' });
    expect(await locked.fail('recovery.open', { key: kit.key })).toMatchObject({ code: 'invalid_request', field: 'newPassphrase' });
    expect(await locked.fail('recovery.open', { key: kit.key, newPassphrase: 'short' })).toMatchObject({ code: 'invalid_request', field: 'newPassphrase' });
    expect(metaOf(locked, 'recovery_attempts')).toBeUndefined();
    expect(await locked.call('recovery.open', { key: kit.key, newPassphrase: 'a brand new passphrase' })).toEqual({ state: 'unlocked', keySource: 'passphrase' });
    expect(await sent(locked, workflowId)).toBe(canary);
    // The copy under the old passphrase is erased, not merely replaced: in neither the database nor its WAL.
    const erased = [oldWrapped, Buffer.from(oldWrapped, 'base64')];
    expect(filesHolding(locked.userDataDir, erased)).toEqual([]);

    const next = await restart(locked, { keychain: unreachableKeychain });
    expect(await next.fail('vault.unlock', { passphrase: 'the old passphrase, forgotten' })).toMatchObject({ code: 'wrong_passphrase' });
    expect(await next.call('vault.unlock', { passphrase: 'a brand new passphrase' })).toEqual({ state: 'unlocked', keySource: 'passphrase' });
    expect(await sent(next, workflowId)).toBe(canary);
    await next.core.close();
    opened.pop();
    expect(filesHolding(next.userDataDir, erased)).toEqual([]);
  });

  it('sets a passphrase instead when the keychain can’t be reached to take the key back', async () => {
    const first = await core();
    const secret = await first.call('secrets.create', { name: 'API token', value: canaryValue('unreachable') });
    const kit = await first.call('recovery.create', {});
    await first.call('recovery.closeKit', { saved: true });
    const vaultId = vaultIdOf(first);
    const cut = await restart(first, { keychain: unreachableKeychain });
    await keychain.delete(`master-key:${vaultId}`);
    expect(await cut.call('vault.status', {})).toMatchObject({ state: 'keychain-unavailable', alternatives: [] });
    expect(await cut.fail('recovery.open', { key: kit.key })).toMatchObject({ code: 'keychain_unavailable', field: 'newPassphrase' });
    expect(await cut.call('recovery.open', { key: kit.key, newPassphrase: 'instead of the keychain' })).toEqual({ state: 'unlocked', keySource: 'passphrase' });
    expect((await cut.call('secrets.list', {})).map((key) => key.id)).toEqual([secret.id]);
  });
});

describe('wrong recovery keys', () => {
  it('are refused with nothing changed, and make the next attempt wait, longer each time, across restarts', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const now = () => clock;
    const first = await core({ now });
    await first.call('secrets.create', { name: 'Kept', value: canaryValue('limited') });
    const kit = await first.call('recovery.create', {});
    await first.call('recovery.closeKit', { saved: true });
    const vaultId = vaultIdOf(first);
    await first.core.close();
    opened.pop();
    await loseKeychainEntries(vaultId);

    const second = await core({ userDataDir: first.userDataDir, now });
    const wrong = { code: 'wrong_recovery_key', field: 'key' };
    expect(await second.fail('recovery.open', { key: anotherKey() })).toMatchObject({
      ...wrong,
      message: `That is not the recovery key of this vault (its kit names vault ${vaultId}), or it was replaced by a newer one. Nothing was changed.`,
    });
    expect(await second.fail('recovery.open', { key: anotherKey() })).toMatchObject(wrong);
    expect((await second.fail('recovery.open', { key: anotherKey() })).message).toContain('the next try has to wait 30 seconds.');
    // Even the right key waits now.
    expect(await second.fail('recovery.open', { key: kit.key })).toEqual({
      code: 'rate_limited',
      message: 'Too many wrong recovery keys: try again in 30 seconds. Nothing was changed.',
      field: 'key',
    });
    expect(await second.call('recovery.status', {})).toMatchObject({ retryAt: new Date(clock + 30_000).toISOString() });
    expect(await second.call('vault.status', {})).toMatchObject({ state: 'key-missing' });
    expect(await keychain.get(`master-key:${vaultId}`)).toBeNull();

    // Quitting doesn't reset the wait.
    const third = await restart(second, { now });
    clock += 29_000;
    expect(await third.fail('recovery.open', { key: kit.key })).toMatchObject({
      code: 'rate_limited',
      message: 'Too many wrong recovery keys: try again in 1 second. Nothing was changed.',
    });
    clock += 1_000;
    // A fourth wrong key doubles the wait.
    expect((await third.fail('recovery.open', { key: anotherKey() })).message).toContain('the next try has to wait 1 minute.');
    const fourth = await restart(third, { now });
    expect(await fourth.fail('recovery.open', { key: kit.key })).toMatchObject({
      code: 'rate_limited',
      message: 'Too many wrong recovery keys: try again in 1 minute. Nothing was changed.',
    });
    clock += 60_000;
    expect(await fourth.call('recovery.open', { key: kit.key })).toMatchObject({ state: 'unlocked' });
    // The right key clears the count: one wrong key later costs no wait.
    expect(await fourth.call('recovery.status', {})).toMatchObject({ retryAt: null });
    expect((await fourth.fail('recovery.check', { key: anotherKey() })).message).not.toContain('wait');
  });
});

describe('checking and replacing the recovery key', () => {
  it('tells the right key from a wrong one; a replaced key stops working at once and its wrapped copy is erased', async () => {
    const first = await core();
    await first.call('secrets.create', { name: 'Kept', value: canaryValue('replace') });
    const old = await first.call('recovery.create', {});
    await first.call('recovery.closeKit', { saved: true });
    expect(await first.call('recovery.check', { key: old.key })).toMatchObject({ key: { createdAt: old.createdAt } });
    const oldWrapped = metaOf(first, 'recovery_wrapped_key')!;

    const replacement = await first.call('recovery.create', {});
    expect(replacement.key).not.toBe(old.key);
    // A new key is unsaved until its kit closes as saved.
    expect((await first.call('recovery.status', {})).key).toMatchObject({ createdAt: replacement.createdAt, savedAt: null });
    await first.call('recovery.closeKit', { saved: true });
    expect(await first.fail('recovery.check', { key: old.key })).toMatchObject({ code: 'wrong_recovery_key', field: 'key' });
    expect(await first.call('recovery.check', { key: replacement.key })).toMatchObject({ key: { createdAt: replacement.createdAt } });

    // Erased, not merely replaced: in neither the database nor its WAL, while Keyflow runs and after.
    const erased = [oldWrapped, Buffer.from(oldWrapped, 'base64')];
    expect(filesHolding(first.userDataDir, erased)).toEqual([]);
    const vaultId = vaultIdOf(first);
    await first.core.close();
    opened.pop();
    expect(filesHolding(first.userDataDir, erased)).toEqual([]);
    await loseKeychainEntries(vaultId);
    const second = await core({ userDataDir: first.userDataDir });
    expect(await second.fail('recovery.open', { key: old.key })).toMatchObject({ code: 'wrong_recovery_key' });
    expect(await second.call('recovery.open', { key: replacement.key })).toMatchObject({ state: 'unlocked' });
  });

  it('needs an open vault to make a key, and says so for a vault without one', async () => {
    const first = await core();
    expect(await first.call('recovery.status', {})).toMatchObject({ key: null, retryAt: null });
    expect(await first.fail('recovery.check', { key: anotherKey() })).toMatchObject({ code: 'not_found', field: 'key' });
    await first.call('secrets.create', { name: 'Kept', value: canaryValue('none') });
    const vaultId = vaultIdOf(first);
    await first.core.close();
    opened.pop();
    await loseKeychainEntries(vaultId);
    const third = await core({ userDataDir: first.userDataDir });
    expect(await third.fail('recovery.create', {})).toMatchObject({ code: 'keychain_unavailable' });
    expect(await third.fail('recovery.open', { key: anotherKey() })).toEqual({
      code: 'not_found',
      message: 'This vault has no recovery key, so it can’t be opened with one.',
      field: 'key',
    });
  });
});

describe('the recovery kit files and what is kept', () => {
  it('writes the kit as PDF and text (0600, never over another file) holding the key and nothing else secret; the key is in one bridge response and in no file Keyflow keeps', async () => {
    const c = await core();
    const responses: string[] = [];
    const call = async <N extends Parameters<TestCore['call']>[0]>(name: N, args: Parameters<TestCore['call']>[1] & object): Promise<CallResult<N>> => {
      const response = await c.core.dispatch(name, args);
      responses.push(JSON.stringify(response));
      if (!response.ok) throw new Error(`${name}: ${response.error.message}`);
      return response.result as CallResult<N>;
    };
    const canary = canaryValue('kit');
    await call('secrets.create', { name: 'API token', value: canary });
    const kit = await call('recovery.create', {});
    const folder = tempDir('kit');
    const pdf = await call('recovery.saveKit', { format: 'pdf', folder });
    const text = await call('recovery.saveKit', { format: 'text', folder });
    const again = await call('recovery.saveKit', { format: 'pdf', folder });
    expect(pdf.path).toBe(join(folder, `Keyflow Recovery Kit - ${kit.vaultId}.pdf`));
    expect(text.path).toBe(join(folder, `Keyflow Recovery Kit - ${kit.vaultId}.txt`));
    expect(again.path).toBe(join(folder, `Keyflow Recovery Kit - ${kit.vaultId} (2).pdf`));
    for (const file of [pdf.path, text.path]) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await c.fail('recovery.saveKit', { format: 'text', folder: join(folder, 'missing') })).toEqual({
      code: 'invalid_request',
      message: `There is no folder at ${join(folder, 'missing')}: choose another.`,
      field: 'folder',
    });
    await call('recovery.closeKit', { saved: true });
    // Closed: Keyflow no longer holds the key, so the kit can't be saved again.
    expect(await c.fail('recovery.saveKit', { format: 'text', folder })).toMatchObject({ code: 'conflict' });

    const pdfBytes = readFileSync(pdf.path);
    const pdfText = pdfBytes.toString('latin1');
    expect(pdfText.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdfText.trimEnd().endsWith('%%EOF')).toBe(true);
    // Every object sits where the cross-reference table says.
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdfText)![1]);
    expect(pdfText.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const offsets = [...pdfText.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(pdfText.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    expect(pdfText).toContain(`(${kit.key}) Tj`);
    expect(pdfText).toContain(`(${kit.vaultId}) Tj`);
    expect(pdfText).toContain(`(${kit.createdAt.slice(0, 10)} ${kit.createdAt.slice(11, 16)} UTC) Tj`);
    const textKit = readFileSync(text.path, 'utf8');
    expect(textKit).toContain(`    ${kit.key}\n`);
    expect(textKit).toContain(`Vault id: ${kit.vaultId}`);
    expect(textKit.split(kit.key)).toHaveLength(2);

    const vaultId = vaultIdOf(c);
    const masterKey = (await keychain.get(`master-key:${vaultId}`))!;
    const deviceKeys = (await keychain.get(`device-keys:${vaultId}`))!;
    for (const file of [pdf.path, text.path]) expect(leakedForms(readFileSync(file), canary)).toEqual([]);
    expect(filesHolding(folder, [...byteForms(masterKey), ...byteForms(deviceKeys)])).toEqual([]);
    // The key in one response only: the one that made it.
    expect(responses.filter((response) => keyForms(kit.key).some((form) => response.includes(form)))).toHaveLength(1);
    // Nothing Keyflow keeps holds the key, the master key or a value: the database and its WAL (while open, and after), the log.
    const kept = [...keyForms(kit.key), ...byteForms(masterKey), ...byteForms(deviceKeys)];
    expect(existsSync(join(c.userDataDir, 'logs', 'keyflow.log'))).toBe(true);
    expect(existsSync(join(c.userDataDir, `${DATABASE_FILE}-wal`))).toBe(true);
    expect(filesHolding(c.userDataDir, kept)).toEqual([]);
    expect(leaksInFiles(c.userDataDir, canary)).toEqual([]);
    await c.core.close();
    opened.pop();
    expect(filesHolding(c.userDataDir, kept)).toEqual([]);
    expect(leaksInFiles(c.userDataDir, canary)).toEqual([]);
  });
});

describe('starting over with a new vault', () => {
  it('is offered only while the vault can’t be opened; keeps the old vault in a copy that its recovery key still opens', async () => {
    const first = await core();
    expect(await first.fail('recovery.startOver', {})).toMatchObject({ code: 'conflict' });
    expect(await first.fail('recovery.previewStartOver', {})).toMatchObject({ code: 'conflict' });
    const canary = canaryValue('start-over');
    const secret = await first.call('secrets.create', { name: 'Old token', value: canary });
    await workflowSending(first, secret.id);
    const kit = await first.call('recovery.create', {});
    await first.call('recovery.closeKit', { saved: true });
    const vaultId = vaultIdOf(first);
    await first.core.close();
    opened.pop();
    await loseKeychainEntries(vaultId);

    const second = await core({ userDataDir: first.userDataDir });
    expect(await second.call('recovery.previewStartOver', {})).toEqual({
      secretKeys: 1,
      workflows: 1,
      runs: 0,
      teamWorkspaces: [],
      setAsideFile: `keyflow-set-aside-${vaultId}.db`,
    });
    expect(await second.call('recovery.startOver', {})).toEqual({ state: 'unlocked', keySource: 'keychain' });
    expect(vaultIdOf(second)).not.toBe(vaultId);
    expect(await second.call('secrets.list', {})).toEqual([]);
    expect(await second.call('workflows.list', {})).toEqual([]);
    expect(await second.call('recovery.status', {})).toMatchObject({ key: null });
    const copy = join(first.userDataDir, `keyflow-set-aside-${vaultId}.db`);
    expect(statSync(copy).mode & 0o777).toBe(0o600);

    // The copy, put in a data folder of its own, is the old vault: its recovery key opens it.
    const elsewhere = tempDir('set-aside');
    mkdirSync(elsewhere, { recursive: true });
    copyFileSync(copy, join(elsewhere, DATABASE_FILE));
    const old = await core({ userDataDir: elsewhere });
    expect(await old.call('vault.status', {})).toMatchObject({ state: 'key-missing' });
    await old.call('recovery.open', { key: kit.key });
    expect(await old.call('secrets.list', {})).toMatchObject([{ id: secret.id, name: 'Old token' }]);
  });
});

describe('device keys kept beside the master key', () => {
  it('are sealed in the database for a vault made before copies were kept, on its next launch', async () => {
    const first = await core();
    const memberId = (await first.call('identity.get', {})).memberId;
    await first.core.close();
    opened.pop();
    const db = new Database(join(first.userDataDir, DATABASE_FILE));
    db.prepare("DELETE FROM meta WHERE key = 'device_secret:device-keys'").run();
    db.close();

    const second = await core({ userDataDir: first.userDataDir });
    expect((await second.call('identity.get', {})).memberId).toBe(memberId);
    expect(metaOf(second, 'device_secret:device-keys')).toBeDefined();
  });
});
