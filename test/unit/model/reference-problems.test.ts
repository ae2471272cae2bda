import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputReferenceProblem, secretReferenceProblem } from '../../../shared/model/reference-problems';
import type { SecretMeta } from '../../../shared/model/secret';
import { secretMeta } from '../renderer/secret-fixture';

describe('the one rule for a reference in a step', () => {
  const key = (fields: Partial<SecretMeta> = {}) => secretMeta({ id: 'sec_1', name: 'Stripe', ...fields });

  it('names what is wrong with a secret key reference, the worst first', () => {
    expect(secretReferenceProblem('http.request', 'url', undefined)).toEqual({ kind: 'deleted' });
    expect(secretReferenceProblem('http.request', 'url', undefined, true)).toEqual({ kind: 'restricted' });
    expect(secretReferenceProblem('http.request', 'url', key({ rights: { see: false, use: false, manage: false } }))).toEqual({ kind: 'restricted' });
    expect(secretReferenceProblem('http.request', 'url', key({ rights: { see: true, use: false, manage: false } }))?.kind).toBe('no-use');
    expect(secretReferenceProblem('http.request', 'url', key({ type: 'slack' }))).toMatchObject({ kind: 'wrong-type', accepted: 'generic' });
    expect(secretReferenceProblem('slack.postMessage', 'token', key({ type: 'slack' }))).toBeNull();
    expect(secretReferenceProblem('code.run', 'variables.0.value', key())?.kind).toBe('unreadable-by-code');
    expect(secretReferenceProblem('code.run', 'variables.0.value', key({ readableByRunCode: true }))).toBeNull();
    expect(secretReferenceProblem('http.request', 'url', key())).toBeNull();
  });

  it('accepts an output reference exactly when it points at an earlier step along a followable path', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(), fc.nat(), fc.boolean(), fc.boolean(), (count, from, to, deleted, badPath) => {
        const steps = Array.from({ length: count }, (_, i) => ({ id: `s${i}`, name: `Step ${i + 1}` }));
        const index = from % count;
        const target = deleted ? 'gone' : `s${to % count}`;
        const path = badPath ? 'body id' : 'body.items[0].id';
        const problem = outputReferenceProblem(steps, index, target, path);
        if (deleted) expect(problem).toEqual({ kind: 'deleted-step' });
        else if (to % count >= index) expect(problem).toEqual({ kind: 'later-step', stepName: `Step ${(to % count) + 1}` });
        else if (badPath) expect(problem?.kind).toBe('bad-path');
        else expect(problem).toBeNull();
      }),
    );
  });
});
