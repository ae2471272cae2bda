/**
 * Someone who can write the shared workspace file, but doesn't hold an Admin's key, tries
 * to change it: every such change is refused with a clear message and nothing of it applies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signLink, toChainLink } from '../../electron/core/team/chain/chain-link';
import { resolveChain } from '../../electron/core/team/chain/chain-resolver';
import { KeyUnwrapper, KeyWrapper } from '../../electron/core/crypto/key-wrap';
import { deserializeDeviceKeys, generateDeviceKeys } from '../../electron/core/crypto/device-keys';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import type { SignedRecord } from '../../electron/core/team/records/signed-records';
import { canaryValue } from '../support/canary';
import { tempDir } from '../support/host-process';
import { converge, createTeam, invite, person, type ParsedWorkspaceFile, type Person, type RawWorkspaceFile, type SyncService } from '../support/team';

const people: Person[] = [];
afterEach(async () => {
  for (const p of people.splice(0)) await p.core.close();
});

async function trio() {
  const root = tempDir('tamper');
  const [ann, bob, cat] = (await Promise.all(['Ann', 'Bob', 'Cat'].map((name) => person(name, root)))) as [Person, Person, Person];
  people.push(ann, bob, cat);
  const sync = await createTeam(ann);
  await invite(ann, bob, 'editor', sync);
  await invite(ann, cat, 'editor', sync);
  await ann.call('secrets.create', { name: 'One', value: canaryValue('one') });
  await ann.call('secrets.create', { name: 'Two', value: canaryValue('two') });
  await converge([ann, bob, cat], sync);
  return { ann, bob, cat, sync };
}

/** Edits Bob's copy of the file, adds a new workflow by Ann to it, and lets Bob sync it. */
async function tamperAndSync(t: { ann: Person; bob: Person; sync: SyncService }, edit: (file: ParsedWorkspaceFile) => void) {
  await t.ann.call('workflows.create', { name: 'Arrives with the tampered file' });
  await t.ann.call('workspaces.sync', {});
  t.sync.deliver(t.ann, t.bob);
  const file = t.sync.readParsed(t.bob);
  edit(file);
  t.sync.writeParsed(t.bob, file);
  return (await t.bob.call('workspaces.sync', {})).sync!;
}

/** The members a file's chain establishes, resolved by the project's own code. */
function membersIn(file: RawWorkspaceFile) {
  const links = file.chain.map((link) => toChainLink(file.workspaceId, link));
  return resolveChain(links, file.genesis).final.members;
}

/** The ids of the chain's newest links: a new link is made on top of them. */
function headsOf(file: Pick<RawWorkspaceFile, 'workspaceId' | 'chain'>): string[] {
  const links = file.chain.map((link) => toChainLink(file.workspaceId, link));
  const parents = new Set(links.flatMap((link) => link.parents));
  return links.map((link) => link.id).filter((id) => !parents.has(id));
}

async function roleOf(who: Person, name: string) {
  return (await who.call('team.get', {})).members.find((m) => m.name === name)?.role;
}

async function keysOf(who: Person) {
  const vaultId = who.peek<{ value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")[0]!.value;
  return deserializeDeviceKeys((await new KeytarKeyStore().get(`device-keys:${vaultId}`))!);
}

describe('a tampered workspace file', () => {
  it('refuses a role edited in the file', async () => {
    const t = await trio();
    const status = await tamperAndSync(t, (file) => {
      const link = file.chain.find((l) => 'changes' in l && l.changes.some((c) => c.type === 'add-member' && c.member.name === 'Bob'));
      const invitation = link && 'changes' in link ? link.changes.find((c) => c.type === 'add-member') : undefined;
      expect(invitation).toBeDefined();
      if (invitation?.type === 'add-member') invitation.role = 'admin';
    });
    expect(status.rejected.join(' ')).toMatch(/membership change\(s\) were refused: their signature is invalid/);
    expect(await roleOf(t.bob, 'Bob')).toBe('editor');
    expect(await roleOf(t.ann, 'Bob')).toBe('editor');
    // Bob's Keyflow wrote its verified copy back over the tampered one.
    expect(membersIn(t.sync.read(t.bob)).get((await t.bob.call('identity.get', {})).memberId)?.role).toBe('editor');
  });

  it('refuses a change signed by a member without the right (an Editor making themselves Admin)', async () => {
    const t = await trio();
    const bobKeys = await keysOf(t.bob);
    const status = await tamperAndSync(t, (file) => {
      // Bob's modified app signs his own promotion with his real keys.
      file.chain.push(signLink(file.workspaceId, bobKeys, headsOf(file), [{ type: 'set-role', memberId: bobKeys.memberId, role: 'admin' }], new Date().toISOString()).stored);
    });
    expect(status.rejected.join(' ')).toMatch(/Only Owners and Admins can change members/);
    expect(await roleOf(t.ann, 'Bob')).toBe('editor');
    expect(await roleOf(t.bob, 'Bob')).toBe('editor');
    await converge([t.ann, t.bob], t.sync);
    expect(await roleOf(t.ann, 'Bob')).toBe('editor');
  });

  it('a dropped or reordered chain link changes nothing: the full chain is written back', async () => {
    const t = await trio();
    const before = t.sync.read(t.bob).chain.length;
    await tamperAndSync(t, (file) => file.chain.splice(1, 1));
    expect(t.sync.read(t.bob).chain).toHaveLength(before);
    await tamperAndSync(t, (file) => {
      [file.chain[1], file.chain[2]] = [file.chain[2]!, file.chain[1]!];
    });
    expect((await t.bob.call('team.get', {})).members).toHaveLength(3);
    expect(membersIn(t.sync.read(t.bob)).size).toBe(3);
  });

  it('refuses an old file replayed after a member was removed', async () => {
    const t = await trio();
    const old = t.sync.snapshot(t.bob);
    const catId = (await t.cat.call('identity.get', {})).memberId;
    await t.ann.call('team.removeMember', { memberId: catId });
    await converge([t.ann, t.bob], t.sync);
    const newest = t.sync.read(t.ann).chain.length;
    t.sync.restore(t.bob, old);
    const status = (await t.bob.call('workspaces.sync', {})).sync!;
    expect(status.problem).toMatch(/older than one Keyflow already saw here/);
    expect((await t.bob.call('team.get', {})).members.map((m) => m.name)).toEqual(['Ann', 'Bob']);
    // The newer copy was written back.
    expect(t.sync.read(t.bob).chain.length).toBe(newest);
    expect([...membersIn(t.sync.read(t.bob)).values()].map((m) => m.name).sort()).toEqual(['Ann', 'Bob']);
  });

  it('refuses records whose signature or wrapped keys were changed', async () => {
    const t = await trio();
    const before = await t.bob.call('secrets.list', {});
    const swapped = await tamperAndSync(t, (file) => {
      const [one, two] = file.records.filter((r) => r.kind === 'secret') as [SignedRecord, SignedRecord];
      const valueOf = (r: typeof one) => (r.body as { values: { default: { value: { wraps: unknown } } } }).values.default.value;
      [valueOf(one).wraps, valueOf(two).wraps] = [valueOf(two).wraps, valueOf(one).wraps];
    });
    expect(swapped.rejected.join(' ')).toMatch(/signature is invalid/);
    const renamed = await tamperAndSync(t, (file) => {
      (file.records.find((r) => r.kind === 'secret')!.body as { name: string }).name = 'Renamed by someone else';
    });
    expect(renamed.rejected.join(' ')).toMatch(/signature is invalid/);
    const flipped = await tamperAndSync(t, (file) => {
      // One byte of the signature of the newest commit (Ann's, signing the new workflow).
      const commit = file.commits.reduce((a, b) => (a.at > b.at ? a : b));
      commit.sig = (commit.sig[0] === 'A' ? 'B' : 'A') + commit.sig.slice(1);
    });
    expect(flipped.rejected.join(' ')).toMatch(/signature is invalid/);
    // The untouched new workflows of the first two files arrived; the third's, under a broken commit, did not.
    expect((await t.bob.call('workflows.list', {})).filter((w) => w.name === 'Arrives with the tampered file')).toHaveLength(2);
    expect(await t.bob.call('secrets.list', {})).toEqual(before);
  });

  it('keeps saying what it refused through the syncs that follow (its own write’s, the watcher’s), until another file arrives', async () => {
    const t = await trio();
    const renamed = await tamperAndSync(t, (file) => {
      (file.records.find((r) => r.kind === 'secret')!.body as { name: string }).name = 'Renamed by someone else';
    });
    expect(renamed.rejected.join(' ')).toMatch(/signature is invalid/);
    // Bob wrote his own copy back; syncing again reads nothing new, and the warning stays.
    for (let i = 0; i < 2; i++) expect((await t.bob.call('workspaces.sync', {})).sync!.rejected).toEqual(renamed.rejected);
    // A good file from Ann replaces it.
    await t.ann.call('workflows.create', { name: 'A good one' });
    await t.ann.call('workspaces.sync', {});
    t.sync.deliver(t.ann, t.bob);
    expect((await t.bob.call('workspaces.sync', {})).sync!.rejected).toEqual([]);
  });

  it('binds each wrapped key to its secret, value version and recipient', () => {
    const recipient = generateDeviceKeys();
    const dataKey = Buffer.alloc(32, 7);
    const wrapper = new KeyWrapper();
    const wrap = wrapper.wrap(dataKey, recipient, 'ws|secret-a|1');
    const unwrapper = new KeyUnwrapper(recipient.memberId, recipient.boxKey, recipient.boxPrivate);
    expect(unwrapper.unwrap(wrapper.epk, wrap, 'ws|secret-a|1')).toEqual(dataKey);
    expect(() => unwrapper.unwrap(wrapper.epk, wrap, 'ws|secret-b|1')).toThrow();
    expect(() => unwrapper.unwrap(wrapper.epk, wrap, 'ws|secret-a|2')).toThrow();
    const other = generateDeviceKeys();
    expect(() => new KeyUnwrapper(other.memberId, other.boxKey, other.boxPrivate).unwrap(wrapper.epk, wrap, 'ws|secret-a|1')).toThrow();
  });
});
