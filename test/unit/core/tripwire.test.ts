import { describe, expect, it } from 'vitest';
import { Tripwire, TripwireError } from '../../../electron/core/bridge/tripwire';
import { createDispatcher } from '../../../electron/core/bridge/dispatcher';
import type { BridgeHandlers } from '../../../electron/core/bridge/dispatcher';

const secret = 'tok_Ünïcode/+&"<>-canary-9f';
const encodings: Record<string, string> = {
  raw: secret,
  json: JSON.stringify(secret).slice(1, -1),
  url: encodeURIComponent(secret),
  base64: Buffer.from(secret).toString('base64').replace(/=+$/, ''),
  base64url: Buffer.from(secret).toString('base64url'),
  hex: Buffer.from(secret).toString('hex'),
  HEX: Buffer.from(secret).toString('hex').toUpperCase(),
};

describe('development tripwire', () => {
  it.each(Object.entries(encodings))('throws when a response carries the value %s-encoded', (_form, text) => {
    const tripwire = new Tripwire();
    tripwire.remember(secret);
    expect(() => tripwire.check('secrets.list', { ok: true, result: [{ description: `…${text}…` }] })).toThrow(TripwireError);
  });

  it('lets through responses without the value, and forgets nothing after a rotation', () => {
    const tripwire = new Tripwire();
    tripwire.remember(secret);
    tripwire.remember('the-rotated-value-2');
    expect(() => tripwire.check('secrets.list', { ok: true, result: [{ name: 'Stripe' }] })).not.toThrow();
    expect(() => tripwire.check('secrets.list', { ok: false, error: { message: `bad ${secret}` } })).toThrow(TripwireError);
  });

  it('makes the dispatcher throw instead of returning a leaking response', async () => {
    const tripwire = new Tripwire();
    tripwire.remember(secret);
    const silent = { debug() {}, info() {}, error() {} };
    const leaky = { 'secrets.list': () => [{ name: secret }] } as unknown as BridgeHandlers;
    const dispatch = createDispatcher(leaky, { logger: silent, tripwire });
    await expect(dispatch('secrets.list', {})).rejects.toThrow(TripwireError);
  });
});
