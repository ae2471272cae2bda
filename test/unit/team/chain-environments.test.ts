/**
 * Environments in the membership chain, with real device keys: concurrent changes combine
 * to what grants less, only Owners and Admins make them, and someone losing a run right
 * is a revocation (what they did at the same time that needed it doesn't count).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveChain } from '../../../electron/core/team/chain/chain-resolver';
import type { ChainLink } from '../../../electron/core/team/chain/chain-link';
import { ChainBuilder, someone, type Someone } from './chain-builder';

function setUp() {
  const [ann, bob, cat] = [someone('Ann'), someone('Bob'), someone('Cat')];
  const chain = new ChainBuilder(ann);
  chain.add(ann, bob, 'admin');
  chain.add(ann, cat, 'editor');
  const prod = chain.link(ann, [{ type: 'create-environment', environmentId: 'env_prod', name: 'Production' }]);
  return { ann, bob, cat, chain, prod };
}

const environments = (links: ChainLink[], genesis: ChainLink) => resolveChain(links, genesis.id).final.environmentList;
const grant = (who: Someone) => ({ kind: 'member' as const, id: who.identity.memberId });

describe('environments in the chain', () => {
  it('start with Default; only Owners and Admins change them', () => {
    const { cat, chain } = setUp();
    const refused = chain.link(cat, [{ type: 'create-environment', environmentId: 'env_qa', name: 'QA' }]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.verdict(refused.id)).toBe('Only Owners and Admins manage environments; Cat is Editor.');
    expect(resolved.final.environmentList.map((e) => e.name)).toEqual(['Default', 'Production']);
  });

  it('protection beats a concurrent unprotection, and a revoked run grant a concurrent grant', () => {
    const { ann, bob, cat, chain, prod } = setUp();
    const base = chain.link(ann, [{ type: 'protect-environment', environmentId: 'env_prod', protected: true, runGrants: [grant(cat)] }], [prod]);
    chain.link(ann, [{ type: 'protect-environment', environmentId: 'env_prod', protected: true, runGrants: [] }], [base]);
    chain.link(bob, [{ type: 'protect-environment', environmentId: 'env_prod', protected: false, runGrants: [] }], [base]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.final.environments.get('env_prod')).toMatchObject({ protected: true, runGrants: [] });
    expect(resolved.final.mayRun(cat.identity.memberId, 'env_prod')).toBe(false);
    expect(resolved.final.mayRun(bob.identity.memberId, 'env_prod')).toBe(true);
  });

  it('losing the run right is a revocation: a concurrent protection change by the person losing it does not count', () => {
    const { ann, bob, cat, chain, prod } = setUp();
    const granted = chain.link(ann, [{ type: 'protect-environment', environmentId: 'env_prod', protected: true, runGrants: [grant(cat)] }], [prod]);
    // Ann demotes Bob (an Admin, who may run anywhere) while Bob, concurrently, grants Cat's group a run right.
    const demote = chain.link(ann, [{ type: 'set-role', memberId: bob.identity.memberId, role: 'editor' }], [granted]);
    const bobs = chain.link(bob, [{ type: 'protect-environment', environmentId: 'env_prod', protected: false, runGrants: [] }], [granted]);
    const resolved = resolveChain(chain.links, chain.genesis.id);
    expect(resolved.counts(demote.id)).toBe(true);
    expect(resolved.counts(bobs.id)).toBe(false);
    expect(resolved.final.environments.get('env_prod')!.protected).toBe(true);
    expect(
      resolved
        .revocations()
        .find(({ link }) => link.id === demote.id)!
        .revoked.has(bob.identity.memberId),
    ).toBe(true);
  });

  it('concurrent creations with one name show the later as “Name (2)”; concurrent deletions of all leave Default', () => {
    const { ann, bob, chain, prod } = setUp();
    chain.link(ann, [{ type: 'create-environment', environmentId: 'env_a', name: 'Staging' }], [prod]);
    chain.link(bob, [{ type: 'create-environment', environmentId: 'env_b', name: 'staging' }], [prod]);
    // Which of the two keeps the plain name is the same on every machine (the graph's order); the other is told apart.
    const names = environments(chain.links, chain.genesis).map((e) => e.name);
    expect(names.slice(0, 2)).toEqual(['Default', 'Production']);
    expect([...names.slice(2)].sort()).toEqual(names.includes('Staging (2)') ? ['Staging (2)', 'staging'] : ['Staging', 'staging (2)']);

    const other = setUp();
    other.chain.link(other.ann, [{ type: 'delete-environment', environmentId: 'default' }], [other.prod]);
    other.chain.link(other.bob, [{ type: 'delete-environment', environmentId: 'env_prod' }], [other.prod]);
    expect(environments(other.chain.links, other.chain.genesis).map((e) => e.id)).toEqual(['default']);
  });

  it('every machine gets the same environments whatever order the links arrive in', () => {
    const { ann, bob, chain, prod } = setUp();
    const a = chain.link(ann, [{ type: 'rename-environment', environmentId: 'env_prod', name: 'Live' }], [prod]);
    const b = chain.link(bob, [{ type: 'order-environments', order: ['env_prod', 'default'] }], [prod]);
    chain.link(bob, [{ type: 'protect-environment', environmentId: 'env_prod', protected: true, runGrants: [] }], [b]);
    chain.link(ann, [{ type: 'create-environment', environmentId: 'env_qa', name: 'QA' }], [a]);
    const expected = JSON.stringify(environments(chain.links, chain.genesis));
    fc.assert(
      fc.property(fc.shuffledSubarray(chain.links, { minLength: chain.links.length }), (shuffled) => {
        expect(JSON.stringify(environments(shuffled, chain.genesis))).toBe(expected);
      }),
      { numRuns: 50 },
    );
    expect(JSON.parse(expected)).toMatchObject([{ name: 'Live', protected: true }, { name: 'Default' }, { name: 'QA' }]);
  });
});
