/**
 * The renderer's stores for versions, Roll back, Recently deleted, rotation reminders and the
 * key policy, against the real core (real SQLite file, real vault, real dispatcher with its
 * tripwire) through the renderer's own bridge client. The keychain reports itself unavailable,
 * so the vault is protected by a passphrase, as for a user without a Secret Service.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeError } from '../../../shared/bridge/errors';
import { KeyStoreUnavailableError, type KeyStore } from '../../../electron/core/keystore/key-store';
import { createBridgeClient } from '../../../renderer/src/bridge/client';
import { createSecretsStore } from '../../../renderer/src/store/secrets-store';
import { createKeyHistoryStore } from '../../../renderer/src/store/key-history-store';
import { filterSecrets } from '../../../renderer/src/store/filter-secrets';
import { overdueKeysIn } from '../../../renderer/src/store/expired-keys';
import { openCore, type TestCore } from '../../support/core';
import { definition, httpStep, s, t } from '../../support/steps';
import { secretMeta } from './secret-fixture';

const noKeychain: KeyStore = {
  description: 'the OS keychain',
  get: () => Promise.reject(new KeyStoreUnavailableError('No Secret Service is running.', 'Start GNOME Keyring, then restart Keyflow.')),
  set: () => Promise.reject(new KeyStoreUnavailableError('No Secret Service is running.', 'Start GNOME Keyring, then restart Keyflow.')),
  delete: () => Promise.resolve(),
};

const cores: TestCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.core.close();
});

async function app() {
  const core = await openCore({ keychain: noKeychain });
  cores.push(core);
  await core.call('vault.setUpPassphrase', { passphrase: 'correct horse battery staple' });
  const bridge = createBridgeClient((name, args) => core.core.dispatch(name, args));
  return { core, secrets: createSecretsStore(bridge), history: createKeyHistoryStore(bridge) };
}

describe('key history stores', () => {
  it('lists versions without values, rolls back through the secrets store, and follows a delete and a restore', async () => {
    const { secrets, history } = await app();
    const key = await secrets.getState().create({ name: 'Stripe', value: 'kf-store-first-value-1' });
    await secrets.getState().updateValue(key.id, 'kf-store-second-value-2');
    await history.getState().loadVersions(key.id);
    expect(history.getState().versions.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(JSON.stringify(history.getState())).not.toContain('kf-store-');

    const rolled = await secrets.getState().rollback(key.id, 'default', 1);
    expect(rolled.values[0]!.valueVersion).toBe(3);
    expect(secrets.getState().items.find((item) => item.id === key.id)!.values[0]!.valueVersion).toBe(3);
    const refused = await secrets
      .getState()
      .rollback(key.id, 'default', 9)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BridgeError);
    expect((refused as BridgeError).field).toBe('version');

    await secrets.getState().remove(key.id);
    await history.getState().loadDeleted();
    expect(history.getState().deleted.map((d) => d.name)).toEqual(['Stripe']);
    await secrets.getState().restore(key.id);
    expect(secrets.getState().items.map((item) => item.name)).toEqual(['Stripe']);
    await history.getState().loadDeleted();
    expect(history.getState().deleted).toEqual([]);
  });

  it('sets the policy within range, keeps it on a refusal, and clears with the workspace', async () => {
    const { history } = await app();
    await history.getState().loadPolicy();
    expect(history.getState().policy).toEqual({ versionsKept: 10, refuseExpiredKeys: false });
    await history.getState().setPolicy({ versionsKept: 3, refuseExpiredKeys: true });
    const refused = await history
      .getState()
      .setPolicy({ versionsKept: 0, refuseExpiredKeys: true })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BridgeError);
    expect(history.getState().policy).toEqual({ versionsKept: 3, refuseExpiredKeys: true });
    history.getState().clear();
    expect(history.getState()).toMatchObject({ secretId: null, versions: [], deleted: [], policy: null });
  });

  it('filters to keys due soon or overdue, and sets rotation dates', async () => {
    const { secrets } = await app();
    const soon = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000).toISOString();
    await secrets.getState().create({ name: 'Soon', value: 'kf-store-soon-value-1', expiresAt: soon });
    const later = await secrets.getState().create({ name: 'Later', value: 'kf-store-later-value-1' });
    await secrets.getState().load();
    secrets.getState().setDueOnly(true);
    expect(secrets.getState().visible.map((item) => item.name)).toEqual(['Soon']);
    await secrets.getState().setRotation(later.id, '2020-01-01T00:00:00.000Z', null);
    expect(secrets.getState().visible.map((item) => item.name)).toEqual(['Later', 'Soon']);
    secrets.getState().setDueOnly(false);
    secrets.getState().setQuery('lat');
    expect(secrets.getState().visible.map((item) => item.name)).toEqual(['Later']);
  });
});

describe('what the workflow view warns of', () => {
  const now = new Date('2026-06-01T00:00:00.000Z');
  it('names the overdue keys a workflow uses, once each, in step order', () => {
    const expired = secretMeta({ id: 'sec_e', name: 'Expired', expiresAt: '2026-05-01T00:00:00.000Z' });
    const rotate = secretMeta({
      id: 'sec_r',
      name: 'Stale',
      rotationDays: 30,
      values: [{ environmentId: 'default', valueVersion: 1, hint: null, source: null, setAt: '2026-04-01T00:00:00.000Z' }],
    });
    const fine = secretMeta({ id: 'sec_f', name: 'Fine', expiresAt: '2027-01-01T00:00:00.000Z' });
    const steps = definition(
      httpStep('One', { url: t('https://a.example'), auth: { kind: 'bearer', token: s('sec_r') } }),
      httpStep('Two', { url: [...t('https://b.example/'), ...s('sec_e'), ...s('sec_f'), ...s('sec_r')] }),
    ).steps;
    expect(overdueKeysIn(steps, [expired, rotate, fine], now).map(({ secret, state }) => [secret.name, state.reason])).toEqual([
      ['Stale', 'rotation'],
      ['Expired', 'expiry'],
    ]);
    expect(filterSecrets([expired, rotate, fine], '', 'all', undefined, now).map((item) => item.name)).toEqual(['Expired', 'Stale']);
    expect(filterSecrets([expired, rotate, fine], '', 'all', undefined, null)).toHaveLength(3);
  });
});
