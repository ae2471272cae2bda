/**
 * The recovery store (and the vault store's recovery actions) against the real core (real
 * SQLite file, real GNOME Keyring, real dispatcher) through the renderer's own bridge client.
 * The clock is the test's, so wrong keys make later attempts wait without the test waiting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeError } from '../../../shared/bridge/errors';
import { recoveryKeyOf } from '../../../shared/model/recovery-key';
import type { RecoveryStatus } from '../../../shared/model/recovery';
import { KeytarKeyStore } from '../../../electron/core/keystore/keytar-key-store';
import { createBridgeClient } from '../../../renderer/src/bridge/client';
import { createRecoveryStore, kitWanted } from '../../../renderer/src/store/recovery-store';
import { createVaultStore } from '../../../renderer/src/store/vault-store';
import { openCore, type TestCore } from '../../support/core';
import { tempDir } from '../../support/host-process';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const t of cores.splice(0)) await t.core.close();
});

let clock = Date.parse('2026-03-01T09:00:00Z');

async function start(userDataDir?: string) {
  const t = await openCore({ userDataDir, now: () => clock });
  cores.push(t);
  const bridge = createBridgeClient((name, args) => t.core.dispatch(name, args));
  return { t, recovery: createRecoveryStore(bridge), vault: createVaultStore(bridge) };
}

async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(BridgeError);
  return error as BridgeError;
}

/** A well-formed key (its check symbols are right) that opens nothing here. */
const anotherKey = () => recoveryKeyOf(Array.from({ length: 26 }, (_, i) => (i * 5 + 3) % 32));

describe('recovery store', () => {
  it('offers a kit until one is made and kept, and never holds the key it hands over', async () => {
    const { t, recovery } = await start();
    expect(kitWanted(recovery.getState().status)).toBe(false);
    await recovery.getState().load();
    const vaultId = t.peek<{ value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")[0]!.value;
    expect(recovery.getState().status).toEqual({ vaultId, key: null, retryAt: null });
    expect(kitWanted(recovery.getState().status)).toBe(true);

    const kit = await recovery.getState().create();
    expect(kit).toMatchObject({ vaultId, createdAt: new Date(clock).toISOString() });
    expect(recovery.getState().status?.key).toEqual({ createdAt: kit.createdAt, savedAt: null });
    expect(kitWanted(recovery.getState().status)).toBe(true);
    expect(JSON.stringify(recovery.getState())).not.toContain(kit.key);
    expect(JSON.stringify(recovery.getState())).not.toContain(kit.key.replace(/-/g, ''));

    const folder = tempDir('kit');
    const path = await recovery.getState().saveKit('text', folder);
    expect(path).toBe(join(folder, `Keyflow Recovery Kit - ${vaultId}.txt`));
    expect(readFileSync(path, 'utf8')).toContain(kit.key);
    const nowhere = await rejection(recovery.getState().saveKit('pdf', join(folder, 'missing')));
    expect(nowhere).toMatchObject({ code: 'invalid_request', field: 'folder', message: `There is no folder at ${join(folder, 'missing')}: choose another.` });

    await recovery.getState().closeKit(true);
    expect(recovery.getState().status?.key).toEqual({ createdAt: kit.createdAt, savedAt: new Date(clock).toISOString() });
    expect(kitWanted(recovery.getState().status)).toBe(false);
    // Closed, the key is gone from main too: no second kit from it.
    expect(await rejection(recovery.getState().saveKit('text', folder))).toMatchObject({ code: 'conflict' });
  });

  it('checks a typed key: a typo without an attempt counted, a wrong key refused, then a wait that the status shows', async () => {
    const { recovery } = await start();
    const kit = await recovery.getState().create();
    await recovery.getState().closeKit(false);
    expect(kitWanted(recovery.getState().status)).toBe(true);

    await recovery.getState().check(kit.key.replace(/-/g, ' ').toLowerCase());
    const typo = await rejection(recovery.getState().check(kit.key.slice(0, -1) + (kit.key.endsWith('0') ? '1' : '0')));
    expect(typo).toMatchObject({ code: 'invalid_request', field: 'key', message: 'This recovery key has a typo: compare each group with your recovery kit.' });

    for (let attempt = 1; attempt <= 3; attempt++) {
      const wrong = await rejection(recovery.getState().check(anotherKey()));
      expect(wrong).toMatchObject({ code: 'wrong_recovery_key', field: 'key' });
    }
    // The third wrong key makes the next wait 30 s: the store learns it without being asked.
    await vi.waitFor(() => expect(recovery.getState().status?.retryAt).toBe(new Date(clock + 30_000).toISOString()));
    const waiting = await rejection(recovery.getState().check(kit.key));
    expect(waiting).toMatchObject({ code: 'rate_limited', message: 'Too many wrong recovery keys: try again in 30 seconds. Nothing was changed.' });

    clock += 30_000;
    await recovery.getState().check(kit.key);
    expect(recovery.getState().status?.retryAt).toBeNull();
  });

  it('"Not now" defers the offer in memory only: a new window asks again', async () => {
    const { t, recovery } = await start();
    await recovery.getState().load();
    recovery.getState().deferOffer();
    expect(recovery.getState().offerDeferred).toBe(true);
    const bridge = createBridgeClient((name, args) => t.core.dispatch(name, args));
    expect(createRecoveryStore(bridge).getState().offerDeferred).toBe(false);
  });

  it('wants a kit exactly when there is no key or nobody said its kit was kept', () => {
    const status = fc.record({
      vaultId: fc.string(),
      key: fc.option(fc.record({ createdAt: fc.string(), savedAt: fc.option(fc.string(), { nil: null }) }), { nil: null }),
      retryAt: fc.option(fc.string(), { nil: null }),
    });
    fc.assert(fc.property(status, (s: RecoveryStatus) => kitWanted(s) === (s.key === null || s.key.savedAt === null)));
    expect(kitWanted(null)).toBe(false);
  });
});

describe('vault store: opening with the recovery key, or starting over', () => {
  /** A vault with a secret and a kept kit, whose keychain entries are then deleted from the real keyring, reopened. */
  async function keyMissing() {
    const first = await start();
    await first.t.call('secrets.create', { name: 'Kept', value: 'kept-value-0123' });
    const kit = await first.recovery.getState().create();
    await first.recovery.getState().closeKit(true);
    const vaultId = kit.vaultId;
    await first.t.core.close();
    cores.splice(cores.indexOf(first.t), 1);
    const keychain = new KeytarKeyStore();
    await keychain.delete(`master-key:${vaultId}`);
    await keychain.delete(`device-keys:${vaultId}`);
    const again = await start(first.t.userDataDir);
    await again.vault.getState().check();
    expect(again.vault.getState().status).toMatchObject({ state: 'key-missing', keySource: 'keychain' });
    return { ...again, kit };
  }

  it('refuses a wrong key with nothing changed, then opens with the right one and the old values', async () => {
    const { t, vault, recovery, kit } = await keyMissing();
    const wrong = await rejection(vault.getState().openWithRecoveryKey(anotherKey()));
    expect(wrong).toMatchObject({ code: 'wrong_recovery_key', field: 'key' });
    expect(vault.getState().status?.state).toBe('key-missing');
    await recovery.getState().load();
    expect(recovery.getState().status?.key?.createdAt).toBe(kit.createdAt);

    await vault.getState().openWithRecoveryKey(kit.key.toLowerCase());
    expect(vault.getState().status).toEqual({ state: 'unlocked', keySource: 'keychain' });
    expect((await t.call('secrets.list', {})).map((secret) => secret.name)).toEqual(['Kept']);
    expect(await new KeytarKeyStore().get(`master-key:${kit.vaultId}`)).not.toBeNull();
  });

  it('previews what starting over leaves behind, then starts a new, empty vault that wants a kit', async () => {
    const { t, vault, recovery, kit } = await keyMissing();
    const preview = await recovery.getState().previewStartOver();
    expect(preview).toEqual({ secretKeys: 1, workflows: 0, runs: 0, teamWorkspaces: [], setAsideFile: `keyflow-set-aside-${kit.vaultId}.db` });

    await vault.getState().startOver();
    expect(vault.getState().status).toEqual({ state: 'unlocked', keySource: 'keychain' });
    expect(await t.call('secrets.list', {})).toEqual([]);
    await recovery.getState().load();
    expect(recovery.getState().status).toMatchObject({ key: null });
    expect(recovery.getState().status?.vaultId).not.toBe(kit.vaultId);
    expect(kitWanted(recovery.getState().status)).toBe(true);
    // Once open, there is nothing to start over from.
    expect(await rejection(recovery.getState().previewStartOver())).toMatchObject({ code: 'conflict' });
  });
});
