import Database from 'better-sqlite3';
import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/keyflow-core';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import { KeyStoreUnavailableError, type KeyStore } from '../../electron/core/keystore/key-store';
import { TamperedValueError } from '../../electron/core/vault/envelope';
import { Vault } from '../../electron/core/vault/vault';
import { openDatabase } from '../../electron/core/db/database';
import { openCore, type TestCore } from '../support/core';

const opened: TestCore[] = [];
async function core(options?: Parameters<typeof openCore>[0]) {
  const t = await openCore(options);
  opened.push(t);
  return t;
}
afterEach(async () => {
  for (const t of opened.splice(0)) await t.core.close();
});

/** Opens the vault of a closed user-data dir directly, to decrypt stored values in main-process code. */
async function reopenStore(userDataDir: string) {
  const db = openDatabase(join(userDataDir, DATABASE_FILE));
  const vault = await Vault.open(db, { keychain: new KeytarKeyStore() }, () => true);
  const store = {
    revealForRun(id: string, environmentId = 'default'): string {
      const row = db.prepare('SELECT workspace_id, value_version, sealed_value FROM secret_values WHERE secret_id = ? AND environment_id = ?').get(id, environmentId) as {
        workspace_id: string;
        value_version: number;
        sealed_value: Buffer;
      };
      return vault.open({ workspaceId: row.workspace_id, secretId: id, version: row.value_version, environmentId }, row.sealed_value);
    },
  };
  return { db, vault, store };
}

function sql(userDataDir: string, statement: string, ...params: unknown[]) {
  const db = new Database(join(userDataDir, DATABASE_FILE));
  try {
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

describe('the vault and its master key', () => {
  it('generates a 256-bit master key on first launch, keeps it in the OS keychain and reuses it', async () => {
    const first = await core();
    expect(await first.call('vault.status', {})).toEqual({ state: 'unlocked', keySource: 'keychain' });
    const created = await first.call('secrets.create', { name: 'Persisted', value: 'persisted-canary-77' });
    const vaultId = first.peek<{ value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")[0]!.value;
    await first.core.close();

    const stored = await new KeytarKeyStore().get(`master-key:${vaultId}`);
    expect(stored?.length).toBe(32);
    // The key itself is nowhere in the user-data dir.
    for (const file of readdirSync(first.userDataDir, { recursive: true, withFileTypes: true })) {
      if (file.isFile()) expect(readFileSync(join(file.parentPath, file.name)).includes(stored!)).toBe(false);
    }

    const { db, store } = await reopenStore(first.userDataDir);
    expect(store.revealForRun(created.id)).toBe('persisted-canary-77');
    db.close();
  });

  it('detects a tampered ciphertext, two swapped ciphertexts, a rolled-back value and a value moved to another environment', async () => {
    const t = await core();
    const a = await t.call('secrets.create', { name: 'A', value: 'value-of-secret-a' });
    const b = await t.call('secrets.create', { name: 'B', value: 'value-of-secret-b' });
    const c = await t.call('secrets.create', { name: 'C', value: 'value-of-secret-c-v1' });
    const staging = (await t.call('environments.create', { name: 'Staging' })).environments[1]!;
    const d = await t.call('secrets.create', { name: 'D', value: 'value-of-secret-d-staging', environmentId: staging.id });
    const stored = (id: string, environmentId = 'default') =>
      t.peek<{ sealed_value: Buffer }>('SELECT sealed_value FROM secret_values WHERE secret_id = ? AND environment_id = ?', id, environmentId)[0]!.sealed_value;
    const oldC = stored(c.id);
    await t.call('secrets.updateValue', { id: c.id, value: 'value-of-secret-c-v2' });
    await t.core.close();

    const flipped = Buffer.from(stored(a.id));
    flipped[flipped.length - 20]! ^= 0x01;
    const setValue = (id: string, blob: Buffer) => sql(t.userDataDir, "UPDATE secret_values SET sealed_value = ? WHERE secret_id = ? AND environment_id = 'default'", blob, id);
    const aBefore = stored(a.id);
    setValue(a.id, flipped);
    setValue(b.id, aBefore);
    setValue(c.id, oldC);
    // D's Staging value, copied to its Default environment (version 1 in both).
    sql(
      t.userDataDir,
      "INSERT INTO secret_values (workspace_id, secret_id, environment_id, value_version, sealed_value) SELECT workspace_id, secret_id, 'default', 1, sealed_value FROM secret_values WHERE secret_id = ?",
      d.id,
    );

    const { db, store } = await reopenStore(t.userDataDir);
    expect(() => store.revealForRun(a.id)).toThrow(TamperedValueError);
    expect(() => store.revealForRun(b.id)).toThrow(TamperedValueError); // a's ciphertext under b's id
    expect(() => store.revealForRun(c.id)).toThrow(TamperedValueError); // version 1 ciphertext under version 2
    expect(store.revealForRun(d.id, staging.id)).toBe('value-of-secret-d-staging');
    expect(() => store.revealForRun(d.id)).toThrow(TamperedValueError); // Staging's ciphertext under Default
    db.close();
  });

  it('reports an unavailable keychain clearly and offers only explicit alternatives, never plaintext', async () => {
    const broken: KeyStore = {
      description: 'the OS keychain',
      get: () => Promise.reject(new KeyStoreUnavailableError('No Secret Service is running.', 'Start GNOME Keyring.')),
      set: () => Promise.reject(new Error('unreachable')),
      delete: () => Promise.reject(new Error('unreachable')),
    };
    const t = await core({ keychain: broken });
    expect(await t.call('vault.status', {})).toEqual({
      state: 'keychain-unavailable',
      problem: 'No Secret Service is running.',
      remedy: 'Start GNOME Keyring.',
      alternatives: ['passphrase'],
    });
    expect(await t.fail('secrets.create', { name: 'X', value: 'must-not-be-stored' })).toEqual({
      code: 'keychain_unavailable',
      message: 'No Secret Service is running.',
    });
    expect(t.peek('SELECT * FROM secrets')).toEqual([]);
    expect(await t.fail('vault.useSafeStorage', {})).toMatchObject({ code: 'conflict' });
  });

  it('protects the vault with a passphrase when the user chooses it, and asks for it on every launch', async () => {
    const unavailable: KeyStore = {
      description: 'the OS keychain',
      get: () => Promise.reject(new KeyStoreUnavailableError('Keychain locked.', 'Unlock it.')),
      set: () => Promise.reject(new Error('unreachable')),
      delete: () => Promise.reject(new Error('unreachable')),
    };
    const t = await core({ keychain: unavailable });
    expect(await t.fail('vault.setUpPassphrase', { passphrase: 'short' })).toMatchObject({ code: 'invalid_request', field: 'passphrase' });
    expect(await t.call('vault.setUpPassphrase', { passphrase: 'correct horse battery staple' })).toEqual({ state: 'unlocked', keySource: 'passphrase' });
    const s = await t.call('secrets.create', { name: 'Passphrase protected', value: 'pp-protected-canary' });
    await t.core.close();
    opened.pop();

    const again = await core({ userDataDir: t.userDataDir, keychain: unavailable });
    expect(await again.call('vault.status', {})).toEqual({ state: 'locked', keySource: 'passphrase' });
    expect(await again.fail('secrets.updateValue', { id: s.id, value: 'while-locked-value' })).toMatchObject({ code: 'vault_locked' });
    expect(await again.fail('vault.unlock', { passphrase: 'wrong horse battery staple' })).toMatchObject({ code: 'wrong_passphrase' });
    expect(await again.call('vault.unlock', { passphrase: 'correct horse battery staple' })).toEqual({ state: 'unlocked', keySource: 'passphrase' });
    expect((await again.call('secrets.updateValue', { id: s.id, value: 'after-unlock-value' })).values[0]!.valueVersion).toBe(2);
    // Once the vault holds secrets, its key source can't be switched from under them.
    expect(await again.fail('vault.setUpPassphrase', { passphrase: 'another long passphrase' })).toMatchObject({ code: 'conflict' });
  });

  it('refuses to start over silently when the keychain lost the key of a vault that holds secrets', async () => {
    const t = await core();
    await t.call('secrets.create', { name: 'Orphan', value: 'orphaned-canary-1' });
    const vaultId = t.peek<{ value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")[0]!.value;
    await t.core.close();
    opened.pop();
    await new KeytarKeyStore().delete(`master-key:${vaultId}`);

    const again = await core({ userDataDir: t.userDataDir });
    const status = await again.call('vault.status', {});
    expect(status).toMatchObject({ state: 'key-missing', keySource: 'keychain' });
    expect(status.state === 'key-missing' && status.problem).toContain('missing from the OS keychain');
    expect(await again.fail('secrets.create', { name: 'New', value: 'must-not-be-stored' })).toMatchObject({ code: 'keychain_unavailable' });
    expect(await new KeytarKeyStore().get(`master-key:${vaultId}`)).toBeNull();
  });
});
