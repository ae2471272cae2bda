import { describe, expect, it } from 'vitest';
import type { SecretMeta } from '../../../shared/model/secret';
import { names, secretMeta } from './secret-fixture';
import { filterSecrets, inTab, PERSONAL_SCOPE, secretTabsFor, tabIn } from '../../../renderer/src/store/filter-secrets';

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

describe('filterSecrets in a team workspace', () => {
  const admin = { kind: 'team', admin: true } as const;
  const editor = { kind: 'team', admin: false } as const;
  const restricted = (grants: number) => ({
    kind: 'restricted' as const,
    grants: Array.from({ length: grants }, (_, i) => ({ principal: { kind: 'member' as const, id: `mem_${i}` }, level: 'use' as const })),
  });
  const items = [
    secretMeta({ id: 'sec_a', name: 'Analytics', access: { kind: 'team' } }),
    secretMeta({ id: 'sec_b', name: 'Billing', access: restricted(2), description: 'payments' }),
    // Restricted and not usable by whoever lists it: Private leaves it out, Private (Admin View) lists it.
    secretMeta({ id: 'sec_c', name: 'Charges', access: restricted(1), rights: { see: true, use: false, manage: false } }),
    secretMeta({ id: 'sec_d', name: 'Deploy', access: { kind: 'team' }, rights: { see: true, use: true, manage: false } }),
  ];

  it('lists every key main listed on All', () => {
    expect(filterSecrets(items, '', 'all', editor)).toBe(items);
  });

  it('lists keys with Team access on Team', () => {
    expect(names(filterSecrets(items, '', 'team', editor))).toEqual(['Analytics', 'Deploy']);
  });

  it('lists the restricted keys I may use on Private', () => {
    expect(names(filterSecrets(items, '', 'private', editor))).toEqual(['Billing']);
  });

  it('lists every restricted key on Private (Admin View) for Owners and Admins only', () => {
    expect(names(filterSecrets(items, '', 'private-admin', admin))).toEqual(['Billing', 'Charges']);
    expect(filterSecrets(items, '', 'private-admin', editor)).toEqual([]);
  });

  it('applies the search within the tab', () => {
    expect(names(filterSecrets(items, 'pay', 'private-admin', admin))).toEqual(['Billing']);
    expect(filterSecrets(items, 'pay', 'team', admin)).toEqual([]);
  });

  it('offers Private (Admin View) to Owners and Admins only, and falls back to All when it goes', () => {
    expect(secretTabsFor(admin)).toEqual(['all', 'team', 'private', 'private-admin']);
    expect(secretTabsFor(editor)).toEqual(['all', 'team', 'private']);
    expect(tabIn(editor, 'private-admin')).toBe('all');
    expect(tabIn(editor, 'private')).toBe('private');
  });

  it('offers only All in the personal workspace, whose other tabs could never list a key', () => {
    expect(secretTabsFor(PERSONAL_SCOPE)).toEqual(['all']);
    expect(tabIn(PERSONAL_SCOPE, 'team')).toBe('all');
  });

  it('tells which tab a key belongs on', () => {
    expect(inTab(items[1]!, 'private', editor)).toBe(true);
    expect(inTab(items[1]!, 'team', editor)).toBe(false);
    expect(inTab(items[0]!, 'team', PERSONAL_SCOPE)).toBe(false);
  });
});
