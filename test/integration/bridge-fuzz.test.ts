import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeContract, CALL_NAMES } from '../../shared/bridge/contract';
import { BRIDGE_ERROR_CODES } from '../../shared/bridge/errors';
import { openCore, type TestCore } from '../support/core';

let t: TestCore;
let snapshot: () => unknown;
beforeAll(async () => {
  t = await openCore();
  const seeded = await t.call('secrets.create', { name: 'Seed', value: 'seed-value-for-fuzzing' });
  expect(seeded.values[0]!.valueVersion).toBe(1);
  snapshot = () => [
    t.peek('SELECT id, name, description, updated_at FROM secrets ORDER BY id'),
    t.peek('SELECT secret_id, environment_id, value_version, sealed_value, source FROM secret_values ORDER BY secret_id, environment_id'),
    t.peek('SELECT id, name, protected, run_grants FROM environments ORDER BY id'),
    t.peek('SELECT id, name, vals FROM variables ORDER BY id'),
  ];
});
afterAll(() => t.core.close());

// Payloads that are wrong in shape: not objects, wrong field types, unexpected fields.
const malformed = fc.oneof(
  fc.anything(),
  fc.dictionary(fc.string(), fc.anything()).filter((o) => Object.keys(o).length > 0),
  fc.record({ id: fc.anything(), name: fc.anything(), value: fc.anything(), query: fc.anything() }, { requiredKeys: [] }),
  fc.record({ id: fc.string(), extra: fc.anything() }),
);

describe('malformed bridge payloads (fuzzed)', () => {
  it('get a typed error and change nothing', async () => {
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALL_NAMES), malformed, async (name, args) => {
        // Only payloads the contract rejects: a generated payload that happens to be valid would rightly change state.
        fc.pre(!bridgeContract[name].args.safeParse(args ?? {}).success);
        const response = await t.core.dispatch(name, args);
        expect(response.ok).toBe(false);
        if (response.ok) return;
        expect(BRIDGE_ERROR_CODES).toContain(response.error.code);
        expect(response.error.code).toBe('invalid_request');
        expect(response.error.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 400 },
    );
    expect(snapshot()).toEqual(before);
  });

  it('unknown call names are refused by name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string().filter((s) => !(CALL_NAMES as string[]).includes(s)),
        fc.anything(),
        async (name, args) => {
          const response = await t.core.dispatch(name, args);
          expect(response).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names the offending field', async () => {
    expect(await t.fail('secrets.rename', { id: 42, name: 'x' })).toMatchObject({ code: 'invalid_request', field: 'id' });
    expect(await t.fail('secrets.create', { name: 'x', value: 'long-enough', admin: true })).toMatchObject({
      code: 'invalid_request',
      message: 'The request has unexpected fields: admin.',
    });
    expect(await t.fail('secrets.delete', { id: '../../etc' })).toMatchObject({ code: 'invalid_request', field: 'id' });
  });
});
