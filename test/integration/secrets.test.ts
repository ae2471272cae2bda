import { userInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type TestCore } from '../support/core';

let t: TestCore;
beforeEach(async () => {
  t = await openCore();
});
afterEach(() => t.core.close());

describe('secrets through the bridge (real keychain, real SQLite)', () => {
  it('creates a secret, lists its metadata and never returns the value', async () => {
    const created = await t.call('secrets.create', { name: '  Stripe API key ', value: 'sk_live_canary_51Habc', description: 'Billing' });
    expect(created).toMatchObject({
      name: 'Stripe API key',
      description: 'Billing',
      type: 'generic',
      values: [{ environmentId: 'default', valueVersion: 1, hint: '51Habc'.slice(-4), source: null }],
      usedBy: 0,
      lastUsedAt: null,
    });
    expect(created.createdBy).toBe(userInfo().username);
    expect(created.updatedBy).toBe(userInfo().username);
    expect(created.createdAt).toBe(created.updatedAt);
    expect(JSON.stringify(created)).not.toContain('canary');
    const listed = await t.call('secrets.list', {});
    expect(listed.map((s) => s.name)).toEqual(['Stripe API key']);
  });

  it('rejects duplicate names without regard to case or surrounding spaces', async () => {
    await t.call('secrets.create', { name: 'GitHub Token', value: 'ghp_first_value_123' });
    const error = await t.fail('secrets.create', { name: ' github token ', value: 'ghp_second_value_456' });
    expect(error).toMatchObject({ code: 'conflict', field: 'name' });
    expect(error.message).toContain('"GitHub Token" already exists');
    expect(await t.call('secrets.list', {})).toHaveLength(1);
  });

  it.each([
    ['', 'Name is required.'],
    ['   ', 'Name is required.'],
    ['tab\there', 'Name cannot contain control characters (such as tabs or line breaks).'],
    ['line\nbreak', 'Name cannot contain control characters (such as tabs or line breaks).'],
    ['x'.repeat(101), 'Name must be at most 100 characters.'],
  ])('rejects the name %j with a specific message', async (name, message) => {
    const error = await t.fail('secrets.create', { name, value: 'some-secret-value' });
    expect(error).toEqual({ code: 'invalid_request', field: 'name', message });
    expect(await t.call('secrets.list', {})).toEqual([]);
  });

  it('accepts a 100-character name of astral characters (counted as characters, not code units)', async () => {
    const name = '🔑'.repeat(100);
    expect((await t.call('secrets.create', { name, value: 'emoji-named-value' })).name).toBe(name);
  });

  it('takes any UTF-8 value up to 64 KiB and refuses larger ones', async () => {
    const fits = 'é'.repeat(32 * 1024); // 64 KiB of UTF-8
    const created = await t.call('secrets.create', { name: 'Big', value: fits });
    expect(created.values.map((v) => [v.environmentId, v.valueVersion])).toEqual([['default', 1]]);
    const error = await t.fail('secrets.create', { name: 'Too big', value: fits + 'x' });
    expect(error).toEqual({ code: 'invalid_request', field: 'value', message: 'Value is larger than 64 KiB.' });
    const empty = await t.fail('secrets.create', { name: 'Empty', value: '' });
    expect(empty).toMatchObject({ field: 'value', message: 'Value is required.' });
    const lone = await t.fail('secrets.create', { name: 'Lone', value: 'abc\uD800def' });
    expect(lone).toMatchObject({ field: 'value' });
  });

  it('renames, keeps the id, and refuses a name another secret has', async () => {
    const a = await t.call('secrets.create', { name: 'Alpha', value: 'alpha-secret-1' });
    await t.call('secrets.create', { name: 'Beta', value: 'beta-secret-22' });
    const renamed = await t.call('secrets.rename', { id: a.id, name: 'Gamma' });
    expect(renamed).toMatchObject({ id: a.id, name: 'Gamma', values: [{ environmentId: 'default', valueVersion: 1, hint: null, source: null }] });
    expect(await t.fail('secrets.rename', { id: a.id, name: 'BETA' })).toMatchObject({ code: 'conflict', field: 'name' });
    // Changing only the case of its own name is allowed.
    expect((await t.call('secrets.rename', { id: a.id, name: 'GAMMA' })).name).toBe('GAMMA');
  });

  it('updates the value write-only, bumping the version each time', async () => {
    const s = await t.call('secrets.create', { name: 'Rotating', value: 'version-one-value' });
    const v2 = await t.call('secrets.updateValue', { id: s.id, value: 'version-two-value' });
    const v3 = await t.call('secrets.updateValue', { id: s.id, value: 'version-three-value' });
    expect([v2.values[0]!.valueVersion, v3.values[0]!.valueVersion]).toEqual([2, 3]);
    expect(JSON.stringify([v2, v3])).not.toMatch(/version-(two|three)-value/);
  });

  it('deletes a secret; a second delete says it no longer exists', async () => {
    const s = await t.call('secrets.create', { name: 'Temp', value: 'temporary-value' });
    expect(await t.call('secrets.delete', { id: s.id })).toEqual({ id: s.id });
    expect(await t.call('secrets.list', {})).toEqual([]);
    expect(await t.fail('secrets.delete', { id: s.id })).toMatchObject({ code: 'not_found' });
    expect(await t.fail('secrets.rename', { id: s.id, name: 'Again' })).toMatchObject({ code: 'not_found' });
  });

  it('searches by name and description, case-insensitively, treating % and _ literally', async () => {
    await t.call('secrets.create', { name: 'Slack bot', value: 'xoxb-1234567890', description: 'Posts alerts' });
    await t.call('secrets.create', { name: 'SendGrid', value: 'SG.abcdefghijkl', description: 'Mail for ALERTS' });
    await t.call('secrets.create', { name: '100% real_key', value: 'percent-value-1' });
    expect((await t.call('secrets.list', { query: 'SLACK' })).map((s) => s.name)).toEqual(['Slack bot']);
    expect((await t.call('secrets.list', { query: 'alerts' })).map((s) => s.name)).toEqual(['SendGrid', 'Slack bot']);
    expect((await t.call('secrets.list', { query: '%' })).map((s) => s.name)).toEqual(['100% real_key']);
    expect((await t.call('secrets.list', { query: '_' })).map((s) => s.name)).toEqual(['100% real_key']);
  });
});
