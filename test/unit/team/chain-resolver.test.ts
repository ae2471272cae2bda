import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveChain } from '../../../electron/core/team/chain/chain-resolver';
import type { ChainLink } from '../../../electron/core/team/chain/chain-link';
import { ChainBuilder, someone } from './chain-builder';

const rolesOf = (links: ChainLink[], genesis: ChainLink) => Object.fromEntries([...resolveChain(links, genesis.id).final.members.values()].map((m) => [m.name, m.role]));

describe('the membership chain resolver', () => {
  it('counts a linear chain of allowed changes and refuses one made without the right', () => {
    const [ann, bob, cat] = [someone('Ann'), someone('Bob'), someone('Cat')];
    const chain = new ChainBuilder(ann);
    chain.add(ann, bob, 'editor');
    const forged = chain.link(bob, [{ type: 'add-member', member: cat.identity, role: 'admin' }]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.verdict(forged.id)).toMatch(/Only Owners and Admins/);
    expect(rolesOf(chain.links, chain.genesis)).toEqual({ Ann: 'owner', Bob: 'editor' });
  });

  it('keeps both of two Admins’ concurrent additions', () => {
    const [ann, bob, cat, dan] = [someone('Ann'), someone('Bob'), someone('Cat'), someone('Dan')];
    const chain = new ChainBuilder(ann);
    const base = chain.add(ann, bob, 'admin');
    chain.add(ann, cat, 'editor', [base]);
    chain.add(bob, dan, 'viewer', [base]);
    expect(rolesOf(chain.links, chain.genesis)).toEqual({ Ann: 'owner', Bob: 'admin', Cat: 'editor', Dan: 'viewer' });
  });

  it('a removed Admin can’t readmit himself through an accomplice on a fork, however its hashes sort', () => {
    const [ann, bob, eve] = [someone('Ann'), someone('Bob'), someone('Eve')];
    for (let attempt = 0; attempt < 8; attempt++) {
      const chain = new ChainBuilder(ann);
      const bobIn = chain.add(ann, bob, 'admin');
      const removal = chain.link(ann, [{ type: 'remove-member', memberId: bob.identity.memberId }], [bobIn]);
      // Bob, with his real keys, forks from before his removal: adds Eve as Admin, who re-adds him.
      const accomplice = chain.add(bob, eve, 'admin', [bobIn]);
      const noop = chain.link(eve, [{ type: 'set-settings', settings: { editorsCanCreateSecrets: true } }], [accomplice], { at: `2026-01-01T00:00:0${attempt}.000Z` });
      chain.link(eve, [{ type: 'add-member', member: bob.identity, role: 'admin' }], [noop, removal]);
      const resolved = resolveChain(chain.links, chain.genesis.id);
      expect(resolved.counts(removal.id)).toBe(true);
      expect(rolesOf(chain.links, chain.genesis)).toEqual({ Ann: 'owner' });
    }
  });

  it('a demoted Admin keeps no Admin rights through a stooge he added at the same time', () => {
    const [ann, bob, eve] = [someone('Ann'), someone('Bob'), someone('Eve')];
    const chain = new ChainBuilder(ann);
    const bobIn = chain.add(ann, bob, 'admin');
    chain.link(ann, [{ type: 'set-role', memberId: bob.identity.memberId, role: 'editor' }], [bobIn]);
    const stooge = chain.add(bob, eve, 'admin', [bobIn]);
    chain.link(eve, [{ type: 'set-role', memberId: bob.identity.memberId, role: 'admin' }], [stooge]);
    expect(rolesOf(chain.links, chain.genesis)).toEqual({ Ann: 'owner', Bob: 'editor' });
  });

  it('two Admins who remove each other at the same time are both removed', () => {
    const [ann, bob, cat] = [someone('Ann'), someone('Bob'), someone('Cat')];
    const chain = new ChainBuilder(ann);
    chain.add(ann, bob, 'admin');
    const base = chain.add(ann, cat, 'admin');
    chain.link(bob, [{ type: 'remove-member', memberId: cat.identity.memberId }], [base]);
    chain.link(cat, [{ type: 'remove-member', memberId: bob.identity.memberId }], [base]);
    expect(rolesOf(chain.links, chain.genesis)).toEqual({ Ann: 'owner' });
  });

  it('a removed Admin’s stooge can’t remove the Admin who removed him', () => {
    const [ann, bob, cat, eve] = [someone('Ann'), someone('Bob'), someone('Cat'), someone('Eve')];
    const chain = new ChainBuilder(ann);
    chain.add(ann, bob, 'admin');
    const base = chain.add(ann, cat, 'admin');
    const removal = chain.link(cat, [{ type: 'remove-member', memberId: bob.identity.memberId }], [base]);
    const stooge = chain.add(bob, eve, 'admin', [base]);
    chain.link(eve, [{ type: 'remove-member', memberId: cat.identity.memberId }], [stooge]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.counts(removal.id)).toBe(true);
    expect(rolesOf(chain.links, chain.genesis)).toEqual({ Ann: 'owner', Cat: 'admin' });
  });

  it('a concurrent role change never undoes a demotion: the lower role wins', () => {
    const [ann, bob, cat] = [someone('Ann'), someone('Bob'), someone('Cat')];
    const chain = new ChainBuilder(ann);
    chain.add(ann, bob, 'admin');
    const base = chain.add(ann, cat, 'editor');
    chain.link(ann, [{ type: 'set-role', memberId: cat.identity.memberId, role: 'viewer' }], [base]);
    chain.link(bob, [{ type: 'set-role', memberId: cat.identity.memberId, role: 'admin' }], [base]);
    expect(rolesOf(chain.links, chain.genesis)).toMatchObject({ Cat: 'viewer' });
  });

  it('gives the same result whatever order the links arrive in (random concurrent histories)', () => {
    const people = ['Ann', 'Bob', 'Cat', 'Dan', 'Eve'].map(someone);
    const roles = ['admin', 'editor', 'viewer'] as const;
    const op = fc.record({ author: fc.nat(4), target: fc.nat(4), kind: fc.constantFrom('add', 'role', 'remove'), role: fc.constantFrom(...roles), parent: fc.nat() });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 14 }), fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (ops, shuffle) => {
        const chain = new ChainBuilder(people[0]!);
        chain.add(people[0]!, people[1]!, 'admin');
        for (const o of ops) {
          const target = people[o.target]!;
          const change =
            o.kind === 'add'
              ? ({ type: 'add-member', member: target.identity, role: o.role } as const)
              : o.kind === 'role'
                ? ({ type: 'set-role', memberId: target.identity.memberId, role: o.role } as const)
                : ({ type: 'remove-member', memberId: target.identity.memberId } as const);
          const parent = chain.links[o.parent % chain.links.length]!;
          chain.link(people[o.author]!, [change], [parent]);
        }
        const shuffled = [...chain.links].sort((a, b) => shuffle[chain.links.indexOf(a) % 20]! - shuffle[chain.links.indexOf(b) % 20]! || a.id.localeCompare(b.id));
        const first = resolveChain(chain.links, chain.genesis.id);
        const second = resolveChain(shuffled.reverse(), chain.genesis.id);
        const summary = (r: typeof first) => JSON.stringify([...r.final.members.values()].map((m) => [m.name, m.role]).sort());
        expect(summary(second)).toBe(summary(first));
        expect(chain.links.map((l) => second.verdict(l.id))).toEqual(chain.links.map((l) => first.verdict(l.id)));
      }),
      { numRuns: 300 },
    );
  });
});
