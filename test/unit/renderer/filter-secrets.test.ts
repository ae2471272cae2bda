import { describe, expect, it } from 'vitest';
import type { SecretMeta } from '../../../shared/model/secret';
import { names, secretMeta } from './secret-fixture';
import { filterSecrets } from '../../../renderer/src/store/filter-secrets';

function secret(name: string, description = ''): SecretMeta {
  return secretMeta({ id: `sec_${name.replace(/[^A-Za-z0-9]/g, '')}`, name, description });
}

describe('filterSecrets', () => {
  const items = [secret('GitHub token', 'CI deploys'), secret('Slack webhook', 'Alerts channel'), secret('Stripe API key', 'Billing')];

  it('shows every key on All when the search is empty or blank, in the same order', () => {
    expect(filterSecrets(items, '', 'all')).toBe(items);
    expect(filterSecrets(items, '   ', 'all')).toBe(items);
  });

  it('matches the name case-insensitively, ignoring surrounding spaces', () => {
    expect(names(filterSecrets(items, 'STRIPE', 'all'))).toEqual(['Stripe API key']);
    expect(names(filterSecrets(items, '  token ', 'all'))).toEqual(['GitHub token']);
  });

  it('matches the description too, keeping the list order', () => {
    expect(names(filterSecrets(items, 'alerts', 'all'))).toEqual(['Slack webhook']);
    expect(names(filterSecrets(items, 's', 'all'))).toEqual(['GitHub token', 'Slack webhook', 'Stripe API key']);
  });

  it('matches non-ASCII names whatever their case or Unicode composition', () => {
    const unicode = [secret('Zürich ÄPI'), secret('Other')];
    expect(names(filterSecrets(unicode, 'äpi', 'all'))).toEqual(['Zürich ÄPI']);
    // "u" + combining diaeresis, as some keyboards and pasted text produce it.
    expect(names(filterSecrets(unicode, 'zu\u0308rich', 'all'))).toEqual(['Zürich ÄPI']);
  });

  it('treats the search as plain text, not a pattern', () => {
    expect(filterSecrets([secret('a.b'), secret('axb')], '.', 'all').map((s) => s.name)).toEqual(['a.b']);
    expect(filterSecrets(items, '%', 'all')).toEqual([]);
  });

  it('finds nothing when nothing matches', () => {
    expect(filterSecrets(items, 'no such key', 'all')).toEqual([]);
  });

  it('sees a rename: a replaced metadata object is matched by its new name', () => {
    const renamed = { ...items[0]!, name: 'Deploy key' };
    expect(names(filterSecrets([renamed], 'deploy', 'all'))).toEqual(['Deploy key']);
    expect(filterSecrets([renamed], 'github', 'all')).toEqual([]);
  });

  it('lists no keys under Team, Private or Private (Admin View) in the personal workspace', () => {
    for (const tab of ['team', 'private', 'private-admin'] as const) {
      expect(filterSecrets(items, '', tab)).toEqual([]);
      expect(filterSecrets(items, 'stripe', tab)).toEqual([]);
    }
  });
});
