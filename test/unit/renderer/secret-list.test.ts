import { describe, expect, it } from 'vitest';
import type { SecretMeta } from '../../../shared/model/secret';
import { names, secretMeta } from './secret-fixture';
import { removeSecret, upsertSecret } from '../../../renderer/src/store/secret-list';

function secret(id: string, name: string, valueVersion = 1): SecretMeta {
  return secretMeta({ id, name, values: [{ environmentId: 'default', valueVersion, hint: null, source: null, setAt: null }] });
}

describe('the secrets list after a change', () => {
  const list = [secret('a', 'Alpha'), secret('m', 'mailgun'), secret('z', 'Zeta')];

  it('places a created key in name order, ignoring case', () => {
    expect(names(upsertSecret(list, secret('n', 'Beta')))).toEqual(['Alpha', 'Beta', 'mailgun', 'Zeta']);
    expect(names(upsertSecret(list, secret('n', 'aaa')))).toEqual(['aaa', 'Alpha', 'mailgun', 'Zeta']);
    expect(names(upsertSecret(list, secret('n', 'zz top')))).toEqual(['Alpha', 'mailgun', 'Zeta', 'zz top']);
    expect(names(upsertSecret([], secret('n', 'Only')))).toEqual(['Only']);
  });

  it('moves a renamed key to its new place and keeps it once', () => {
    const renamed = upsertSecret(list, secret('a', 'Omega'));
    expect(names(renamed)).toEqual(['mailgun', 'Omega', 'Zeta']);
    expect(renamed.filter((item) => item.id === 'a')).toHaveLength(1);
  });

  it('shows the metadata main returned after a new value (the bumped version)', () => {
    const updated = upsertSecret(list, secret('m', 'mailgun', 2));
    expect(updated.map((item) => [item.name, item.values[0]!.valueVersion])).toEqual([
      ['Alpha', 1],
      ['mailgun', 2],
      ['Zeta', 1],
    ]);
  });

  it('drops a deleted key and leaves the list alone for an unknown id', () => {
    expect(names(removeSecret(list, 'm'))).toEqual(['Alpha', 'Zeta']);
    expect(names(removeSecret(list, 'nope'))).toEqual(['Alpha', 'mailgun', 'Zeta']);
  });

  it('does not change the list it was given', () => {
    upsertSecret(list, secret('n', 'Beta'));
    removeSecret(list, 'a');
    expect(names(list)).toEqual(['Alpha', 'mailgun', 'Zeta']);
  });
});
