/**
 * The renderer's stores against the real core (real SQLite file, real vault, real
 * dispatcher with its validation and tripwire), through the renderer's own bridge client.
 * The keychain is one that reports itself unavailable, so the vault is protected by a
 * passphrase chosen through the vault store, as a user without a Secret Service would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeError } from '../../../shared/bridge/errors';
import { KeyStoreUnavailableError, type KeyStore } from '../../../electron/core/keystore/key-store';
import { createBridgeClient } from '../../../renderer/src/bridge/client';
import { createSecretsStore } from '../../../renderer/src/store/secrets-store';
import { createVaultStore } from '../../../renderer/src/store/vault-store';
import { openCore, type TestCore } from '../../support/core';

const PASSPHRASE = 'correct horse battery staple';

const noKeychain: KeyStore = {
  description: 'the OS keychain',
  get: () => Promise.reject(new KeyStoreUnavailableError('No Secret Service is running.', 'Start GNOME Keyring, then restart Keyflow.')),
  set: () => Promise.reject(new KeyStoreUnavailableError('No Secret Service is running.', 'Start GNOME Keyring, then restart Keyflow.')),
  delete: () => Promise.resolve(),
};

const cores: TestCore[] = [];
afterEach(() => {
  for (const t of cores.splice(0)) t.core.close();
});

async function start(userDataDir?: string) {
  const t = await openCore({ keychain: noKeychain, userDataDir });
  cores.push(t);
  const bridge = createBridgeClient((name, args) => t.core.dispatch(name, args));
  return { t, vault: createVaultStore(bridge), secrets: createSecretsStore(bridge) };
}

async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(BridgeError);
  return error as BridgeError;
}

async function unlocked() {
  const app = await start();
  await app.vault.getState().setUpPassphrase(PASSPHRASE);
  return app;
}

describe('vault store', () => {
  it('reports the unavailable keychain as main says it, then takes a passphrase and unlocks', async () => {
    const { vault } = await start();
    await vault.getState().check();
    expect(vault.getState().status).toEqual({
      state: 'keychain-unavailable',
      problem: 'No Secret Service is running.',
      remedy: 'Start GNOME Keyring, then restart Keyflow.',
      alternatives: ['passphrase'],
    });

    const short = await rejection(vault.getState().setUpPassphrase('too short'));
    expect(short.field).toBe('passphrase');
    expect(short.message).toBe('The passphrase must be at least 12 characters.');
    expect(vault.getState().status?.state).toBe('keychain-unavailable');

    await vault.getState().setUpPassphrase(PASSPHRASE);
    expect(vault.getState().status).toEqual({ state: 'unlocked', keySource: 'passphrase' });
  });

  it('asks for the passphrase on the next start and refuses a wrong one', async () => {
    const first = await unlocked();
    await first.secrets.getState().create({ name: 'Kept', value: 'kept-value-1' });
    const dir = first.t.userDataDir;
    cores.splice(0).forEach((t) => t.core.close());

    const { vault, secrets } = await start(dir);
    await vault.getState().check();
    expect(vault.getState().status).toEqual({ state: 'locked', keySource: 'passphrase' });

    const wrong = await rejection(vault.getState().unlock('not the passphrase'));
    expect(wrong.code).toBe('wrong_passphrase');
    expect(vault.getState().status?.state).toBe('locked');

    await vault.getState().unlock(PASSPHRASE);
    expect(vault.getState().status?.state).toBe('unlocked');
    await secrets.getState().load();
    expect(secrets.getState().items.map((s) => s.name)).toEqual(['Kept']);
  });
});

describe('secrets store', () => {
  it('loads, then shows created keys in name order without reloading', async () => {
    const { secrets } = await unlocked();
    await secrets.getState().load();
    expect(secrets.getState()).toMatchObject({ loadState: 'ready', items: [], visible: [] });

    await secrets.getState().create({ name: 'Stripe API key', value: 'sk_live_abc123', description: 'Billing' });
    await secrets.getState().create({ name: 'github token', value: 'ghp_xyz789' });
    const items = secrets.getState().items;
    expect(items.map((s) => s.name)).toEqual(['github token', 'Stripe API key']);
    expect(items[1]).toMatchObject({ description: 'Billing', values: [{ environmentId: 'default', valueVersion: 1 }], usedBy: 0, lastUsedAt: null });

    // What the store holds is exactly what main lists.
    await secrets.getState().load();
    expect(secrets.getState().items).toEqual(items);
  });

  it('creates a key with a type and allowed domains, and changes its domains in place', async () => {
    const { secrets } = await unlocked();
    await secrets.getState().load();
    const created = await secrets.getState().create({ name: 'Slack bot', value: 'xoxb-value-1', type: 'slack', allowedDomains: ['slack.com'] });
    expect(created).toMatchObject({ type: 'slack', allowedDomains: ['slack.com'] });
    expect(secrets.getState().items).toEqual([created]);

    const updated = await secrets.getState().setAllowedDomains(created.id, ['slack.com', '*.slack.com']);
    expect(updated.allowedDomains).toEqual(['slack.com', '*.slack.com']);
    expect(secrets.getState().items).toEqual([updated]);
    const refused = await rejection(secrets.getState().setAllowedDomains(created.id, ['https://slack.com/api']));
    expect(refused.field).toBe('allowedDomains');
    expect(secrets.getState().items).toEqual([updated]);
  });

  it('never keeps a value in its state', async () => {
    const { secrets } = await unlocked();
    await secrets.getState().create({ name: 'A', value: 'value-that-must-not-stay-1' });
    const created = secrets.getState().items[0]!;
    await secrets.getState().updateValue(created.id, 'value-that-must-not-stay-2');
    expect(JSON.stringify(secrets.getState())).not.toMatch(/value-that-must-not-stay/);
  });

  it('rejects a duplicate name with main’s message about the name field, and keeps the list', async () => {
    const { secrets } = await unlocked();
    await secrets.getState().create({ name: 'Stripe API key', value: 'one' });
    const error = await rejection(secrets.getState().create({ name: 'STRIPE api KEY', value: 'two' }));
    expect(error.code).toBe('conflict');
    expect(error.field).toBe('name');
    expect(error.message).toContain('already exists');
    expect(secrets.getState().items.map((s) => s.name)).toEqual(['Stripe API key']);
  });

  it('renames in place, moving the key to its new position', async () => {
    const { secrets } = await unlocked();
    await secrets.getState().create({ name: 'Alpha', value: 'a' });
    await secrets.getState().create({ name: 'Beta', value: 'b' });
    const alpha = secrets.getState().items[0]!;
    const renamed = await secrets.getState().rename(alpha.id, 'Zulu');
    expect(renamed).toMatchObject({ id: alpha.id, name: 'Zulu' });
    expect(secrets.getState().items.map((s) => s.name)).toEqual(['Beta', 'Zulu']);

    const conflict = await rejection(secrets.getState().rename(alpha.id, 'beta'));
    expect(conflict).toMatchObject({ code: 'conflict', field: 'name' });
    expect(secrets.getState().items.map((s) => s.name)).toEqual(['Beta', 'Zulu']);
  });

  it('shows the bumped version after a new value', async () => {
    const { secrets } = await unlocked();
    const created = await secrets.getState().create({ name: 'Token', value: 'v1-value' });
    await secrets.getState().updateValue(created.id, 'v2-value');
    await secrets.getState().updateValue(created.id, 'v3-value');
    expect(secrets.getState().items[0]).toMatchObject({ id: created.id, values: [{ environmentId: 'default', valueVersion: 3 }] });
  });

  it('removes a deleted key, and reports a key that is already gone', async () => {
    const { secrets } = await unlocked();
    const a = await secrets.getState().create({ name: 'A', value: 'a' });
    await secrets.getState().create({ name: 'B', value: 'b' });
    await secrets.getState().remove(a.id);
    expect(secrets.getState().items.map((s) => s.name)).toEqual(['B']);
    const gone = await rejection(secrets.getState().remove(a.id));
    expect(gone.code).toBe('not_found');
  });

  it('refreshes quietly: keys deleted or added elsewhere show, the list never goes back to loading', async () => {
    const { t, secrets } = await unlocked();
    await secrets.getState().refresh(); // before the first load: nothing to refresh
    expect(secrets.getState().loadState).toBe('idle');

    const kept = await secrets.getState().create({ name: 'Kept', value: 'kept-value-1' });
    const gone = await secrets.getState().create({ name: 'Gone', value: 'gone-value-1' });
    await secrets.getState().load();
    // Another window (or the command line) deletes one key and creates another.
    await t.core.dispatch('secrets.delete', { id: gone.id });
    await t.core.dispatch('secrets.create', { name: 'Added elsewhere', value: 'added-value-1' });

    const states: string[] = [];
    const unsubscribe = secrets.subscribe((state) => states.push(state.loadState));
    await Promise.all([secrets.getState().refresh(), secrets.getState().refresh()]);
    unsubscribe();
    expect(secrets.getState().items.map((s) => s.name)).toEqual(['Added elsewhere', 'Kept']);
    expect(secrets.getState().items.find((s) => s.id === kept.id)).toEqual(kept);
    expect(new Set(states)).toEqual(new Set(['ready']));
  });

  it('does not let a refresh asked for before a change undo it, and keeps the list when listing fails', async () => {
    const { t } = await unlocked();
    // A list call that answers only when told to, or fails.
    let listing: 'answer' | 'hold' | 'fail' = 'answer';
    let release = () => {};
    const bridge = createBridgeClient(async (name, args) => {
      if (name === 'secrets.list' && listing === 'fail') throw new Error('host gone');
      const response = t.core.dispatch(name, args);
      if (name === 'secrets.list' && listing === 'hold') await new Promise<void>((resolve) => (release = resolve));
      return response;
    });
    const secrets = createSecretsStore(bridge);
    await secrets.getState().load();

    listing = 'hold';
    const refreshing = secrets.getState().refresh(); // lists now (no key yet), answers after the create
    const created = await secrets.getState().create({ name: 'Fresh', value: 'fresh-value-1' });
    release();
    await refreshing;
    expect(secrets.getState().items).toEqual([created]);

    listing = 'fail';
    await secrets.getState().refresh();
    expect(secrets.getState()).toMatchObject({ loadState: 'ready', items: [created] });
  });

  it('keeps the search and tab applied as the list changes', async () => {
    const { secrets } = await unlocked();
    await secrets.getState().create({ name: 'Stripe live', value: 'a', description: 'payments' });
    secrets.getState().setQuery('PAY');
    expect(secrets.getState().visible.map((s) => s.name)).toEqual(['Stripe live']);

    await secrets.getState().create({ name: 'Paypal', value: 'b' });
    await secrets.getState().create({ name: 'Slack', value: 'c' });
    expect(secrets.getState().visible.map((s) => s.name)).toEqual(['Paypal', 'Stripe live']);

    // The personal workspace offers All only; in a team workspace the tab filters too.
    secrets.getState().setTab('team');
    expect(secrets.getState().tab).toBe('all');
    secrets.getState().setScope({ kind: 'team', admin: true });
    secrets.getState().setTab('private');
    expect(secrets.getState().visible).toEqual([]);
    secrets.getState().setTab('all');
    secrets.getState().setQuery('');
    expect(secrets.getState().visible.map((s) => s.name)).toEqual(['Paypal', 'Slack', 'Stripe live']);
  });
});
