/**
 * Environments in a team workspace, with real instances sharing one file: which
 * environments exist and who may run in a protected one are chain changes only Owners and
 * Admins make; a protected environment's values are wrapped only for those who may run
 * there (enforced by encryption, not only by main); losing the run right re-keys them;
 * variables and per-environment values sync and merge; a linked key's record carries its
 * reference only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { finishedRun } from '../support/core';
import { KeyUnwrapper } from '../../electron/core/crypto/key-wrap';
import { deserializeDeviceKeys } from '../../electron/core/crypto/device-keys';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import { unwrapDataKey } from '../../electron/core/team/team-values';
import type { SecretBody } from '../../electron/core/team/records/record-bodies';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leaksInFiles } from '../support/canary';
import { definition, httpStep, s } from '../support/steps';
import { converge, createTeam, invite, person, storedValueOf, type Person, type SyncService } from '../support/team';
import { tempDir } from '../support/host-process';

let echo: EchoServer;
const people: Person[] = [];
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
afterEach(async () => {
  for (const p of people.splice(0)) await p.core.close();
});

async function unwrapperOf(who: Person): Promise<KeyUnwrapper> {
  const vaultId = who.peek<{ value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")[0]!.value;
  const keys = deserializeDeviceKeys((await new KeytarKeyStore().get(`device-keys:${vaultId}`))!);
  return new KeyUnwrapper(keys.memberId, keys.boxKey, keys.boxPrivate);
}

function body(sync: SyncService, who: Person, secretId: string): SecretBody {
  return sync.readParsed(who).records.find((record) => record.id === secretId)!.body as unknown as SecretBody;
}

async function team() {
  const root = tempDir('team-env');
  const [ann, bob] = await Promise.all([person('Ann', root), person('Bob', root)]);
  people.push(ann, bob);
  const sync = await createTeam(ann);
  await invite(ann, bob, 'editor', sync);
  const bobId = (await bob.call('identity.get', {})).memberId;
  return { ann, bob, sync, bobId };
}

describe('team environments', () => {
  it('protects Production by encryption: its values reach only those who may run there, and losing the right re-keys them', async () => {
    const { ann, bob, sync, bobId } = await team();
    expect(await bob.fail('environments.create', { name: 'Staging' })).toMatchObject({
      code: 'forbidden',
      message: 'Only Owners and Admins can manage environments; you are Editor.',
    });
    await ann.call('environments.create', { name: 'Production' });
    const production = (await ann.call('environments.list', {})).environments.find((e) => e.name === 'Production')!;
    await ann.call('environments.setProtection', { id: production.id, protected: true, runGrants: [] });
    const values = { dev: canaryValue('team-dev'), prod: canaryValue('team-prod') };
    const key = await ann.call('secrets.create', { name: 'Stripe', value: values.dev });
    await ann.call('secrets.updateValue', { id: key.id, value: values.prod, environmentId: production.id });
    const base = await ann.call('variables.create', { name: 'base_url', values: { default: `${echo.url}/dev`, [production.id]: `${echo.url}/prod` } });
    const variableId = base.variables[0]!.id;
    const workflow = await ann.call('workflows.create', { name: 'Charge' });
    await ann.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(httpStep('Charge', { url: [{ kind: 'variable', variableId }], auth: { kind: 'bearer', token: s(key.id) } })),
    });
    await converge([ann, bob], sync);

    // Bob sees the environments and variables, and may run in Default only.
    const seen = await bob.call('environments.list', {});
    expect(seen.environments.map((e) => [e.name, e.protected, e.canRun])).toEqual([
      ['Default', false, true],
      ['Production', true, false],
    ]);
    expect(seen.variables.map((v) => [v.name, v.values[production.id]])).toEqual([['base_url', `${echo.url}/prod`]]);
    expect((await finishedRun(bob, (await bob.call('runs.start', { workflowId: workflow.id, environmentId: 'default' })).id)).status).toBe('ok');
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${values.dev}`);
    expect(await bob.fail('runs.start', { workflowId: workflow.id, environmentId: production.id, confirm: true })).toMatchObject({
      code: 'forbidden',
      message: 'Production is protected: only Owners, Admins and people granted “Run in Production” may run in it. Ask an Admin. Nothing was run.',
    });
    // In the file, Production's value is wrapped for Ann only: Bob's real keys open Default's and not Production's.
    const bobs = await unwrapperOf(bob);
    const context = (environmentId: string) => ({ workspaceId: sync.read(bob).workspaceId, secretId: key.id, version: 1, environmentId });
    let record = body(sync, bob, key.id);
    expect(unwrapDataKey(storedValueOf(record, 'default').value, bobs, context('default'))).not.toBeNull();
    expect(unwrapDataKey(storedValueOf(record, production.id).value, bobs, context(production.id))).toBeNull();
    expect(Object.keys(storedValueOf(record, production.id).value.wraps)).toEqual([(await ann.call('identity.get', {})).memberId]);
    // Bob's copy holds no Production value he could open, and his key list shows one there (that he can't use).
    expect(leaksInFiles(bob.userDataDir, values.prod)).toEqual([]);

    // Granted "Run in Production": Ann's Keyflow wraps Production's value for him too.
    await ann.call('environments.setProtection', { id: production.id, protected: true, runGrants: [{ kind: 'member', id: bobId }] });
    await converge([ann, bob], sync);
    record = body(sync, bob, key.id);
    const granted = storedValueOf(record, production.id).value;
    expect(unwrapDataKey(granted, bobs, context(production.id))).not.toBeNull();
    expect((await finishedRun(bob, (await bob.call('runs.start', { workflowId: workflow.id, environmentId: production.id, confirm: true })).id)).status).toBe('ok');
    expect(echo.received.at(-1)).toMatchObject({ url: '/prod', headers: { authorization: `Bearer ${values.prod}` } });

    // Revoked: a new data key for Production, not wrapped for Bob; Default untouched.
    await ann.call('environments.setProtection', { id: production.id, protected: true, runGrants: [] });
    await converge([ann, bob], sync);
    record = body(sync, bob, key.id);
    const revoked = storedValueOf(record, production.id).value;
    expect(revoked.data).not.toBe(granted.data);
    expect(unwrapDataKey(revoked, bobs, context(production.id))).toBeNull();
    expect(unwrapDataKey(storedValueOf(record, 'default').value, bobs, context('default'))).not.toBeNull();
    expect(await bob.fail('runs.start', { workflowId: workflow.id, environmentId: production.id, confirm: true })).toMatchObject({ code: 'forbidden' });
  });

  it('syncs per-environment values, variables and renames; a linked key’s record holds its reference and no value', async () => {
    const { ann, bob, sync } = await team();
    const staging = (await ann.call('environments.create', { name: 'Staging' })).environments[1]!;
    const key = await bob.call('secrets.create', { name: 'Bob key', value: canaryValue('bob-dev') });
    await converge([ann, bob], sync);
    await bob.call('secrets.updateValue', { id: key.id, value: canaryValue('bob-staging'), environmentId: staging.id });
    await bob.call('variables.create', { name: 'region', values: { default: 'eu-west-1', [staging.id]: 'us-east-1' } });
    await ann.call('environments.rename', { id: staging.id, name: 'Pre-prod' });
    const linked = await ann.call('secrets.create', { name: 'From env', source: { provider: 'env', name: 'KEYFLOW_TEAM_TOKEN', file: null }, environmentId: staging.id });
    await converge([ann, bob], sync);

    for (const who of [ann, bob]) {
      const view = await who.call('environments.list', {});
      expect(view.environments.map((e) => e.name)).toEqual(['Default', 'Pre-prod']);
      expect(view.variables.map((v) => [v.name, v.values])).toEqual([['region', { default: 'eu-west-1', [staging.id]: 'us-east-1' }]]);
      const keys = await who.call('secrets.list', {});
      expect(keys.map((k) => [k.name, k.values.map((entry) => [entry.environmentId, entry.valueVersion, entry.source?.provider ?? null])])).toEqual([
        [
          'Bob key',
          [
            ['default', 1, null],
            [staging.id, 1, null],
          ],
        ],
        ['From env', [[staging.id, 1, 'env']]],
      ]);
    }
    const linkedBody = body(sync, ann, linked.id);
    expect(linkedBody.values).toEqual({ [staging.id]: { valueVersion: 1, source: { provider: 'env', name: 'KEYFLOW_TEAM_TOKEN', file: null } } });

    // Deleting an environment (an Admin's chain change) takes its values and texts everywhere.
    await ann.call('environments.delete', { id: staging.id });
    await converge([ann, bob], sync);
    expect((await bob.call('secrets.list', {})).map((k) => [k.name, k.values.length])).toEqual([
      ['Bob key', 1],
      ['From env', 0],
    ]);
    expect((await bob.call('environments.list', {})).variables[0]!.values).toEqual({ default: 'eu-west-1' });
  });
});
