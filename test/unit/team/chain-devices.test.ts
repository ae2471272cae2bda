import { describe, expect, it } from 'vitest';
import { resolveChain } from '../../../electron/core/team/chain/chain-resolver';
import { ChainBuilder, someone } from './chain-builder';

const devicesOf = (resolved: ReturnType<typeof resolveChain>, memberId: string) => (resolved.final.devices.get(memberId) ?? []).map((device) => device.deviceId);

describe('a member’s devices in the membership chain', () => {
  it('a device added by an Admin acts as its member: its links count with the member’s rights, its keys are the member’s', () => {
    const [ann, bob, laptop] = [someone('Ann'), someone('Bob'), someone('Laptop')];
    const chain = new ChainBuilder(ann);
    chain.add(ann, bob, 'editor');
    chain.link(ann, [{ type: 'add-device', memberId: bob.identity.memberId, device: laptop.identity }]);
    const created = chain.link(laptop, [{ type: 'create-key', keyId: 'key_laptop', access: { kind: 'team' }, visibility: 'masked' }]);
    const overreach = chain.link(laptop, [{ type: 'set-role', memberId: bob.identity.memberId, role: 'admin' }]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.verdict(created.id)).toBeNull();
    expect(resolved.final.key('key_laptop')?.createdById).toBe(bob.identity.memberId);
    expect(resolved.verdict(overreach.id)).toMatch(/Only Owners and Admins/);
    expect(resolved.final.memberIdOf(laptop.identity.memberId)).toBe(bob.identity.memberId);
    expect(devicesOf(resolved, bob.identity.memberId)).toEqual([bob.identity.memberId, laptop.identity.memberId]);
  });

  it('refuses a device that claims keys it doesn’t have, one already known here, and a member’s last device’s removal', () => {
    const [ann, bob, laptop] = [someone('Ann'), someone('Bob'), someone('Laptop')];
    const chain = new ChainBuilder(ann);
    chain.add(ann, bob, 'editor');
    const forgedId = chain.link(ann, [{ type: 'add-device', memberId: bob.identity.memberId, device: { ...laptop.identity, memberId: ann.identity.memberId } }]);
    const memberAsDevice = chain.link(ann, [{ type: 'add-device', memberId: bob.identity.memberId, device: ann.identity }]);
    const lastDevice = chain.link(ann, [{ type: 'remove-device', memberId: bob.identity.memberId, deviceId: bob.identity.memberId }]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.verdict(forgedId.id)).toBe('The identity does not match its keys.');
    expect(resolved.verdict(memberAsDevice.id)).toBe('That identity is a device of Ann here: a device is one person’s.');
    expect(resolved.verdict(lastDevice.id)).toBe('That is Bob’s only device: remove Bob instead.');
  });

  it('lets an Admin who saw a device’s removal add it back to the same member, without reviving what it did at the same time', () => {
    const [ann, bob, laptop, eve] = [someone('Ann'), someone('Bob'), someone('Laptop'), someone('Eve')];
    const chain = new ChainBuilder(ann);
    chain.add(ann, bob, 'admin');
    const both = chain.link(ann, [{ type: 'add-device', memberId: bob.identity.memberId, device: laptop.identity }]);
    const removal = chain.link(ann, [{ type: 'remove-device', memberId: bob.identity.memberId, deviceId: laptop.identity.memberId }], [both]);
    const concurrent = chain.add(laptop, eve, 'admin', [both]);
    const back = chain.link(ann, [{ type: 'add-device', memberId: bob.identity.memberId, device: laptop.identity }], [removal, concurrent]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.verdict(back.id)).toBeNull();
    expect(resolved.verdict(concurrent.id)).toMatch(/at the same time as a change by/);
    expect(devicesOf(resolved, bob.identity.memberId)).toEqual([bob.identity.memberId, laptop.identity.memberId]);
    expect(resolved.final.members.has(eve.identity.memberId)).toBe(false);
  });

  it('gives a device two Admins added at once to different members to nobody', () => {
    const [ann, bob, cat, dan, laptop] = [someone('Ann'), someone('Bob'), someone('Cat'), someone('Dan'), someone('Laptop')];
    const chain = new ChainBuilder(ann);
    chain.add(ann, bob, 'admin');
    chain.add(ann, cat, 'editor');
    const base = chain.add(ann, dan, 'editor');
    chain.link(ann, [{ type: 'add-device', memberId: cat.identity.memberId, device: laptop.identity }], [base]);
    chain.link(bob, [{ type: 'add-device', memberId: dan.identity.memberId, device: laptop.identity }], [base]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.final.memberIdOf(laptop.identity.memberId)).toBeUndefined();
    expect(devicesOf(resolved, cat.identity.memberId)).toEqual([cat.identity.memberId]);
    expect(devicesOf(resolved, dan.identity.memberId)).toEqual([dan.identity.memberId]);
  });

  it('sets aside what a device did at the same time as its removal, and what it signs after', () => {
    const [ann, bob, laptop, eve] = [someone('Ann'), someone('Bob'), someone('Laptop'), someone('Eve')];
    const chain = new ChainBuilder(ann);
    chain.add(ann, bob, 'admin');
    const both = chain.link(ann, [{ type: 'add-device', memberId: bob.identity.memberId, device: laptop.identity }]);
    const removal = chain.link(ann, [{ type: 'remove-device', memberId: bob.identity.memberId, deviceId: laptop.identity.memberId }], [both]);
    const concurrent = chain.add(laptop, eve, 'admin', [both]);
    const after = chain.link(laptop, [{ type: 'set-settings', settings: { editorsCanCreateSecrets: false } }], [removal, concurrent]);
    const bobStill = chain.link(bob, [{ type: 'set-settings', settings: { editorsCanCreateSecrets: false } }], [removal]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.verdict(concurrent.id)).toMatch(/at the same time as a change by/);
    expect(resolved.verdict(after.id)).toBe('That device of Bob was removed from this workspace.');
    expect(resolved.verdict(bobStill.id)).toBeNull();
    expect([...resolved.final.members.values()].map((m) => m.name).sort()).toEqual(['Ann', 'Bob']);
  });
});
