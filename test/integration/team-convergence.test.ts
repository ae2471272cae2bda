/**
 * Property-based convergence of team workspaces (fast-check, seeded and replayable):
 * four real instances (separate user-data dirs, SQLite files and keychain entries) make
 * random mixes of changes — keys created with colliding names, renamed, re-valued,
 * re-permissioned and deleted, workflows edited, roles changed, members removed, devices
 * added to members and removed,
 * environments created, renamed, deleted and protected, values set per environment,
 * variables set, cleared and deleted — while a
 * simulated sync service delivers their files late, out of order, as stale copies and as
 * conflicted copies. Once every remaining member has synced, all of them must hold the
 * same keys, workflows, members and audit trail, and byte-identical files; and a change
 * whose author kept their rights, on a record nobody deleted, that was the last made to it,
 * must be what every machine shows.
 *
 * `npm test` runs a few cases; `npm run test:convergence` runs many (KEYFLOW_CONVERGENCE_RUNS;
 * KEYFLOW_CONVERGENCE_SEED and KEYFLOW_CONVERGENCE_PATH, as fast-check prints them, replay a failure).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/model/team';
import { generateDeviceKeys } from '../../electron/core/crypto/device-keys';
import { identityText } from '../../electron/core/identity/identity-text';
import { canaryValue } from '../support/canary';
import { definition, httpStep, t } from '../support/steps';
import { converge, createTeam, invite, person, type Person, type SyncService } from '../support/team';
import { tempDir } from '../support/host-process';

const RUNS = Number(process.env.KEYFLOW_CONVERGENCE_RUNS ?? 4);
const SEED = process.env.KEYFLOW_CONVERGENCE_SEED ? Number(process.env.KEYFLOW_CONVERGENCE_SEED) : undefined;
const PATH = process.env.KEYFLOW_CONVERGENCE_PATH;
const NAMES = ['Stripe', 'stripe', 'GitHub', 'AWS'];
const ENVIRONMENTS = ['Staging', 'Production', 'QA'];
const VARIABLES = ['base_url', 'region'];
const PEOPLE = ['Ann', 'Bob', 'Cat', 'Dan'] as const;

type Op =
  | { kind: 'create-key'; who: number; name: number; restricted: boolean }
  | { kind: 'rename-key'; who: number; key: number; name: number }
  | { kind: 'revalue-key'; who: number; key: number }
  | { kind: 'delete-key'; who: number; key: number }
  | { kind: 'grant'; who: number; key: number; target: number; level: 'use' | 'manage' | 'none' }
  | { kind: 'set-role'; who: number; target: number; role: Role }
  | { kind: 'remove'; who: number; target: number }
  | { kind: 'add-device'; who: number; target: number }
  | { kind: 'remove-device'; who: number; target: number; device: number }
  | { kind: 'save-workflow'; who: number; workflow: number }
  | { kind: 'delete-workflow'; who: number; workflow: number }
  | { kind: 'create-env'; who: number; name: number }
  | { kind: 'rename-env'; who: number; env: number; name: number }
  | { kind: 'delete-env'; who: number; env: number }
  | { kind: 'protect-env'; who: number; env: number; protect: boolean; target: number }
  | { kind: 'env-value'; who: number; key: number; env: number }
  | { kind: 'set-variable'; who: number; variable: number; env: number; clear: boolean }
  | { kind: 'delete-variable'; who: number; variable: number }
  | { kind: 'sync'; who: number }
  | { kind: 'deliver'; from: number; to: number }
  | { kind: 'deliver-stale'; from: number; to: number }
  | { kind: 'deliver-conflicted'; from: number; to: number };

const who = fc.nat(3);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create-key' as const), who, name: fc.nat(3), restricted: fc.boolean() }),
  fc.record({ kind: fc.constant('rename-key' as const), who, key: fc.nat(), name: fc.nat(3) }),
  fc.record({ kind: fc.constant('revalue-key' as const), who, key: fc.nat() }),
  fc.record({ kind: fc.constant('delete-key' as const), who, key: fc.nat() }),
  fc.record({ kind: fc.constant('grant' as const), who, key: fc.nat(), target: who, level: fc.constantFrom('use' as const, 'manage' as const, 'none' as const) }),
  fc.record({ kind: fc.constant('set-role' as const), who, target: who, role: fc.constantFrom<Role>('admin', 'editor', 'viewer') }),
  fc.record({ kind: fc.constant('remove' as const), who, target: who }),
  fc.record({ kind: fc.constant('add-device' as const), who, target: who }),
  fc.record({ kind: fc.constant('remove-device' as const), who, target: who, device: fc.nat(2) }),
  fc.record({ kind: fc.constant('save-workflow' as const), who, workflow: fc.nat(2) }),
  fc.record({ kind: fc.constant('delete-workflow' as const), who, workflow: fc.nat(2) }),
  fc.record({ kind: fc.constant('create-env' as const), who, name: fc.nat(2) }),
  fc.record({ kind: fc.constant('rename-env' as const), who, env: fc.nat(), name: fc.nat(2) }),
  fc.record({ kind: fc.constant('delete-env' as const), who, env: fc.nat() }),
  fc.record({ kind: fc.constant('protect-env' as const), who, env: fc.nat(), protect: fc.boolean(), target: who }),
  fc.record({ kind: fc.constant('env-value' as const), who, key: fc.nat(), env: fc.nat() }),
  fc.record({ kind: fc.constant('set-variable' as const), who, variable: fc.nat(1), env: fc.nat(), clear: fc.boolean() }),
  fc.record({ kind: fc.constant('delete-variable' as const), who, variable: fc.nat(1) }),
  fc.record({ kind: fc.constant('sync' as const), who }),
  fc.record({ kind: fc.constant('deliver' as const), from: who, to: who }),
  fc.record({ kind: fc.constant('deliver-stale' as const), from: who, to: who }),
  fc.record({ kind: fc.constant('deliver-conflicted' as const), from: who, to: who }),
);

const opened: Person[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) await p.core.close();
});

/** What the test knows happened: the last committed write to each record, and who lost rights when. */
interface Ledger {
  lastWrite: Map<string, { author: string; name: string; at: number; previousAt: number }>;
  revoked: Set<string>;
  deleted: Set<string>;
}

async function attempt<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'forbidden' || code === 'not_found' || code === 'conflict' || code === 'invalid_request') return null;
    throw error;
  }
}

async function play(ops: Op[]): Promise<void> {
  const root = tempDir('converge');
  const people = await Promise.all(PEOPLE.map((name) => person(name, root)));
  opened.push(...people);
  const [ann] = people;
  const sync: SyncService = await createTeam(ann!);
  const roles: Role[] = ['owner', 'admin', 'editor', 'editor'];
  for (const [index, p] of people.entries()) if (index > 0) await invite(ann!, p, roles[index]!, sync);
  await converge(people, sync);
  const ids = await Promise.all(people.map(async (p) => (await p.call('identity.get', {})).memberId));
  const removed = new Set<number>();
  const snapshots = people.map((p) => [readFileSync(sync.pathFor(p))]);
  const workflows: string[] = [];
  const ledger: Ledger = { lastWrite: new Map(), revoked: new Set(), deleted: new Set() };
  const write = (record: string, author: number, name: string) => {
    const previous = ledger.lastWrite.get(record);
    ledger.lastWrite.set(record, { author: ids[author]!, name, at: Date.now(), previousAt: previous?.at ?? 0 });
  };
  const keysOf = async (p: Person) => (await p.call('secrets.list', {})).sort((a, b) => a.id.localeCompare(b.id));

  for (const step of ops) {
    const active = (index: number) => !removed.has(index);
    if ('who' in step && !active(step.who)) continue;
    const actor = 'who' in step ? people[step.who]! : null;
    switch (step.kind) {
      case 'create-key': {
        const created = await attempt(() =>
          actor!.call('secrets.create', { name: NAMES[step.name]!, value: canaryValue('p'), access: step.restricted ? { kind: 'restricted', grants: [] } : undefined }),
        );
        if (created) write(created.id, step.who, created.name);
        break;
      }
      case 'rename-key':
      case 'revalue-key':
      case 'delete-key':
      case 'grant': {
        const keys = await keysOf(actor!);
        const key = keys[step.key % Math.max(keys.length, 1)];
        if (!key) break;
        if (step.kind === 'rename-key') {
          const name = `${NAMES[step.name]} ${step.who}`;
          if (await attempt(() => actor!.call('secrets.rename', { id: key.id, name }))) write(key.id, step.who, name);
        } else if (step.kind === 'revalue-key') {
          await attempt(() => actor!.call('secrets.updateValue', { id: key.id, value: canaryValue('v') }));
        } else if (step.kind === 'delete-key') {
          if (await attempt(() => actor!.call('secrets.delete', { id: key.id }))) ledger.deleted.add(key.id);
        } else {
          const others = key.access.kind === 'restricted' ? key.access.grants.filter((g) => g.principal.id !== ids[step.target]) : [];
          const grants = step.level === 'none' ? others : [...others, { principal: { kind: 'member' as const, id: ids[step.target]! }, level: step.level }];
          if (await attempt(() => actor!.call('secrets.setAccess', { id: key.id, access: { kind: 'restricted', grants } }))) {
            for (const id of ids) ledger.revoked.add(id); // any access change may take a right from someone: their writes are exempt from the check
          }
        }
        break;
      }
      case 'set-role':
        if (!active(step.target)) break;
        if (await attempt(() => actor!.call('team.setRole', { memberId: ids[step.target]!, role: step.role }))) ledger.revoked.add(ids[step.target]!);
        break;
      case 'remove':
        if (!active(step.target) || step.target === step.who) break;
        if (await attempt(() => actor!.call('team.removeMember', { memberId: ids[step.target]! }))) {
          removed.add(step.target);
          ledger.revoked.add(ids[step.target]!);
        }
        break;
      case 'add-device': {
        // A new machine of the target's: a fresh identity (the device itself never runs here; its wraps and the chain must converge).
        const keys = generateDeviceKeys();
        const identity = identityText({ memberId: keys.memberId, name: `${PEOPLE[step.target]}'s laptop`, email: '', signingKey: keys.signingKey, boxKey: keys.boxKey });
        await attempt(() => actor!.call('team.addDevice', { memberId: ids[step.target]!, identity }));
        break;
      }
      case 'remove-device': {
        const devices = (await actor!.call('team.get', {})).devices[ids[step.target]!] ?? [];
        const device = devices[step.device % Math.max(devices.length, 1)];
        // The target's first device is the one that plays here: removing it would remove them, which 'remove' covers.
        if (device && device.deviceId !== ids[step.target]) await attempt(() => actor!.call('team.removeDevice', { memberId: ids[step.target]!, deviceId: device.deviceId }));
        break;
      }
      case 'save-workflow': {
        const name = `Flow ${step.workflow} by ${step.who}`;
        const existing = workflows[step.workflow];
        const saved = existing
          ? await attempt(() => actor!.call('workflows.save', { id: existing, name, definition: definition(httpStep('Call', { url: t(`https://api.example.com/${step.who}`) })) }))
          : await attempt(() => actor!.call('workflows.create', { name }));
        if (saved) {
          workflows[step.workflow] = saved.id;
          write(saved.id, step.who, name);
        }
        break;
      }
      case 'delete-workflow': {
        const id = workflows[step.workflow];
        if (id && (await attempt(() => actor!.call('workflows.delete', { id })))) ledger.deleted.add(id);
        break;
      }
      case 'create-env':
        await attempt(() => actor!.call('environments.create', { name: ENVIRONMENTS[step.name]! }));
        break;
      case 'rename-env':
      case 'delete-env':
      case 'protect-env':
      case 'env-value':
      case 'set-variable': {
        const { environments, variables } = await actor!.call('environments.list', {});
        const env = environments[step.env % environments.length]!;
        if (step.kind === 'rename-env') await attempt(() => actor!.call('environments.rename', { id: env.id, name: `${ENVIRONMENTS[step.name]} ${step.who}` }));
        else if (step.kind === 'delete-env') await attempt(() => actor!.call('environments.delete', { id: env.id }));
        else if (step.kind === 'protect-env') {
          const runGrants = step.protect ? [{ kind: 'member' as const, id: ids[step.target]! }] : [];
          if (await attempt(() => actor!.call('environments.setProtection', { id: env.id, protected: step.protect, runGrants }))) {
            for (const id of ids) ledger.revoked.add(id); // a protection change may take a run right from anyone
          }
        } else if (step.kind === 'env-value') {
          const keys = await keysOf(actor!);
          const key = keys[step.key % Math.max(keys.length, 1)];
          if (key) await attempt(() => actor!.call('secrets.updateValue', { id: key.id, value: canaryValue('e'), environmentId: env.id }));
        } else {
          const name = VARIABLES[step.variable]!;
          const existing = variables.find((variable) => variable.name === name);
          const value = step.clear ? null : `${name}-${step.who}-${env.name}`;
          if (existing) {
            if (await attempt(() => actor!.call('variables.setValue', { id: existing.id, environmentId: env.id, value }))) write(existing.id, step.who, name);
          } else {
            const created = await attempt(() => actor!.call('variables.create', { name, values: value === null ? {} : { [env.id]: value } }));
            const made = created?.variables.find((variable) => variable.name === name);
            if (made) write(made.id, step.who, name);
          }
        }
        break;
      }
      case 'delete-variable': {
        const { variables } = await actor!.call('environments.list', {});
        const existing = variables.find((variable) => variable.name === VARIABLES[step.variable]);
        if (existing && (await attempt(() => actor!.call('variables.delete', { id: existing.id })))) ledger.deleted.add(existing.id);
        break;
      }
      case 'sync':
        await actor!.call('workspaces.sync', {});
        snapshots[step.who]!.push(readFileSync(sync.pathFor(actor!)));
        break;
      case 'deliver':
      case 'deliver-stale':
      case 'deliver-conflicted': {
        if (step.from === step.to || !active(step.from)) break;
        const [from, to] = [people[step.from]!, people[step.to]!];
        if (step.kind === 'deliver') sync.deliver(from, to);
        else if (step.kind === 'deliver-conflicted') sync.deliverConflicted(from, to);
        else sync.restore(to, snapshots[step.from]![0]!);
        break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2)); // distinct wall-clock times between changes
  }

  // Every machine syncs until the files agree; the rules, not the calls that succeeded, say who is still a member.
  await converge(people, sync);
  const members = new Set((await ann!.call('team.get', {})).members.map((m) => m.memberId));
  const remaining = people.filter((_, index) => members.has(ids[index]!));
  for (const [index, p] of people.entries()) {
    if (members.has(ids[index]!)) continue;
    expect((await p.call('workspaces.sync', {})).sync!.state).toBe('removed');
    expect(p.peek('SELECT id FROM secrets WHERE workspace_id = (SELECT id FROM workspaces WHERE kind = ?)', 'team')).toEqual([]);
  }

  const views = await Promise.all(
    remaining.map(async (p) => ({
      keys: p.peek<{ id: string; name: string; access: string; created_by_id: string; visibility: string }>(
        "SELECT id, name, access, created_by_id, visibility FROM secrets WHERE workspace_id = (SELECT id FROM workspaces WHERE kind = 'team') ORDER BY id",
      ),
      values: p.peek<{ secret_id: string; environment_id: string; value_version: number }>(
        "SELECT secret_id, environment_id, value_version FROM secret_values WHERE workspace_id = (SELECT id FROM workspaces WHERE kind = 'team') ORDER BY secret_id, environment_id",
      ),
      environments: p.peek<{ id: string; name: string; position: number; protected: number; run_grants: string }>(
        "SELECT id, name, position, protected, run_grants FROM environments WHERE workspace_id = (SELECT id FROM workspaces WHERE kind = 'team') ORDER BY position",
      ),
      variables: p.peek<{ id: string; name: string; vals: string }>(
        "SELECT id, name, vals FROM variables WHERE workspace_id = (SELECT id FROM workspaces WHERE kind = 'team') ORDER BY id",
      ),
      workflows: p.peek<{ id: string; name: string; definition: string }>(
        "SELECT id, name, definition FROM workflows WHERE workspace_id = (SELECT id FROM workspaces WHERE kind = 'team') ORDER BY id",
      ),
      members: (await p.call('team.get', {})).members.map((m) => [m.memberId, m.role]),
      devices: (await p.call('team.get', {})).devices,
      audit: p.peek<{ hash: string }>("SELECT hash FROM audit_entries WHERE counts = 1 AND workspace_id = (SELECT id FROM workspaces WHERE kind = 'team') ORDER BY hash"),
    })),
  );
  for (const [index, view] of views.entries()) expect(view, `${remaining[index]!.name} sees the same as ${remaining[0]!.name}`).toEqual(views[0]);
  const files = new Set(remaining.map((p) => readFileSync(sync.pathFor(p), 'utf8')));
  expect(files.size).toBe(1);

  // Nothing committed is lost: the last change to a record, by someone who kept their rights, 10 ms or more after the one before, shows.
  const shown = new Map([
    ...views[0]!.keys.map((k) => [k.id, k.name] as const),
    ...views[0]!.workflows.map((w) => [w.id, w.name] as const),
    ...views[0]!.variables.map((v) => [v.id, v.name] as const),
  ]);
  for (const [record, last] of ledger.lastWrite) {
    if (ledger.deleted.has(record) || ledger.revoked.has(last.author) || last.at - last.previousAt < 10) continue;
    const name = shown.get(record);
    expect(name === last.name || name?.startsWith(`${last.name} (`), `record ${record}: expected “${last.name}”, shown “${name}”`).toBe(true);
  }
}

describe('team workspaces converge', () => {
  it(`whatever mix of changes and deliveries four instances go through (${RUNS} random runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 30 }), async (ops) => {
        try {
          await play(ops);
        } finally {
          for (const p of opened.splice(0)) await p.core.close();
        }
      }),
      { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: true },
    );
  }, 600_000);
});
