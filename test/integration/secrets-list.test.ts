/**
 * secrets.list reads every key and every value in two queries, not one per key: each entry
 * must carry exactly the values its key holds, whatever happened to the keys and
 * environments before (real keychain, real SQLite, the tripwire on). And the
 * browser host carries the list byte for byte as the dispatcher answered it.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostServer } from '../../electron/host/host-server';
import { signInWithLaunchPage } from '../../electron/host/host-session';
import type { SourceReference } from '../../shared/model/source';
import { canaryValue } from '../support/canary';
import { openCore, type TestCore } from '../support/core';
import { ROOT, tempDir } from '../support/host-process';

let core: TestCore | undefined;
afterEach(() => core?.core.close());

/** What a key holds in one environment, as the test wrote it. */
type Held = { kind: 'stored' } | { kind: 'linked'; source: SourceReference };

type Step =
  | { kind: 'create-key'; environment: number; linked: boolean }
  | { kind: 'set-value'; key: number; environment: number }
  | { kind: 'link'; key: number; environment: number }
  | { kind: 'clear'; key: number; environment: number }
  | { kind: 'delete-key'; key: number }
  | { kind: 'create-environment' }
  | { kind: 'delete-environment'; environment: number }
  | { kind: 'reverse-environments' };

const index = fc.nat({ max: 7 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create-key' as const), environment: index, linked: fc.boolean() }),
  fc.record({ kind: fc.constant('set-value' as const), key: index, environment: index }),
  fc.record({ kind: fc.constant('link' as const), key: index, environment: index }),
  fc.record({ kind: fc.constant('clear' as const), key: index, environment: index }),
  fc.record({ kind: fc.constant('delete-key' as const), key: index }),
  fc.record({ kind: fc.constant('create-environment' as const) }),
  fc.record({ kind: fc.constant('delete-environment' as const), environment: index }),
  fc.record({ kind: fc.constant('reverse-environments' as const) }),
);

const pick = <T>(items: readonly T[], at: number): T | undefined => (items.length === 0 ? undefined : items[at % items.length]);

async function apply(c: TestCore, model: Map<string, Map<string, Held>>, environments: string[], s: Step, n: number): Promise<void> {
  const source: SourceReference = { provider: 'env', name: `KEYFLOW_LIST_${n}`, file: null };
  switch (s.kind) {
    case 'create-key': {
      const environmentId = pick(environments, s.environment)!;
      const created = await c.call('secrets.create', { name: `Key ${n}`, environmentId, ...(s.linked ? { source } : { value: canaryValue(`list-${n}`) }) });
      model.set(created.id, new Map([[environmentId, s.linked ? { kind: 'linked', source } : { kind: 'stored' }]]));
      return;
    }
    case 'set-value':
    case 'link': {
      const id = pick([...model.keys()], s.key);
      if (id === undefined) return;
      const environmentId = pick(environments, s.environment)!;
      if (s.kind === 'link') await c.call('secrets.link', { id, source, environmentId });
      else await c.call('secrets.updateValue', { id, value: canaryValue(`list-${n}`), environmentId });
      model.get(id)!.set(environmentId, s.kind === 'link' ? { kind: 'linked', source } : { kind: 'stored' });
      return;
    }
    case 'clear': {
      const id = pick([...model.keys()], s.key);
      const environmentId = pick(environments, s.environment)!;
      if (id === undefined || !model.get(id)!.has(environmentId)) return;
      await c.call('secrets.clearValue', { id, environmentId });
      model.get(id)!.delete(environmentId);
      return;
    }
    case 'delete-key': {
      const id = pick([...model.keys()], s.key);
      if (id === undefined) return;
      await c.call('secrets.delete', { id });
      model.delete(id);
      return;
    }
    case 'create-environment':
      if (environments.length >= 5) return;
      environments.splice(0, environments.length, ...(await c.call('environments.create', { name: `Env ${n}` })).environments.map((e) => e.id));
      return;
    case 'delete-environment': {
      if (environments.length < 2) return;
      const id = pick(environments, s.environment)!;
      environments.splice(0, environments.length, ...(await c.call('environments.delete', { id })).environments.map((e) => e.id));
      for (const held of model.values()) held.delete(id);
      return;
    }
    case 'reverse-environments':
      environments.splice(0, environments.length, ...(await c.call('environments.reorder', { ids: [...environments].reverse() })).environments.map((e) => e.id));
  }
}

async function expectListed(c: TestCore, model: Map<string, Map<string, Held>>, environments: string[]): Promise<void> {
  const listed = await c.call('secrets.list', {});
  expect(listed.map((key) => key.id).sort()).toEqual([...model.keys()].sort());
  for (const key of listed) {
    const held = model.get(key.id)!;
    const expected = environments.filter((id) => held.has(id));
    expect(key.values.map((entry) => entry.environmentId)).toEqual(expected);
    for (const entry of key.values) {
      const what = held.get(entry.environmentId)!;
      expect(entry.source).toEqual(what.kind === 'linked' ? what.source : null);
      expect(entry.hint === null).toBe(what.kind === 'linked');
    }
  }
  // A search lists the same entries, fewer of them.
  expect(await c.call('secrets.list', { query: 'key 1' })).toEqual(listed.filter((key) => key.name.toLowerCase().includes('key 1')));
}

describe('secrets.list', () => {
  it('lists each key with its values only where set, in environment order, linked ones with their source; none of a deleted environment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        core?.core.close();
        core = await openCore();
        const c = core;
        const model = new Map<string, Map<string, Held>>();
        const environments = (await c.call('environments.list', {})).environments.map((e) => e.id);
        for (const [n, s] of steps.entries()) await apply(c, model, environments, s, n);

        await expectListed(c, model, environments);
        // The same keys after the environments change places: entries follow the new order.
        await apply(c, model, environments, { kind: 'reverse-environments' }, steps.length);
        await expectListed(c, model, environments);
      }),
      { numRuns: 12 },
    );
  });

  it('reaches the browser over HTTP byte for byte as the dispatcher answered, names in any script included', async () => {
    core = await openCore();
    const c = core;
    for (const name of ['Café token ☕', 'Ключ API', '鍵 🔑 𝔘', 'plain']) await c.call('secrets.create', { name, value: canaryValue('http') });
    const launchFile = join(tempDir('list-launch'), 'open-keyflow.html');
    const server = await startHostServer({
      dispatch: c.core.dispatch,
      subscribe: c.core.subscribe,
      rendererDir: join(ROOT, 'dist', 'renderer'),
      launchFile,
      port: 0,
      logger: c.core.logger,
    });
    try {
      const session = await signInWithLaunchPage(server.launchUrl);
      const response = await fetch(`${server.origin}/bridge/secrets.list`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.origin, ...session },
        body: '{}',
      });
      const body = Buffer.from(await response.arrayBuffer());
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(body.toString('utf8')).toBe(JSON.stringify(await c.core.dispatch('secrets.list', {})));
    } finally {
      await server.close();
    }
  });
});
