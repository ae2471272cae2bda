import type { SecretMeta } from '../../../shared/model/secret';
import { isAdmin, type WorkspaceSummary } from '../../../shared/model/team';
import { keysOf, queryKey } from './secret-keys';
import { rotationState } from '../../../shared/model/rotation';

/** The Manage Secret Keys tabs, in display order. */
export const SECRET_TABS = ['all', 'team', 'private', 'private-admin'] as const;
export type SecretTab = (typeof SECRET_TABS)[number];

/** What the tabs depend on besides the keys: the active workspace's kind and whether I am an Owner or Admin there. */
export interface SecretScope {
  kind: 'personal' | 'team';
  admin: boolean;
}

/** Before the workspaces are known: the personal workspace, whose one person owns it. */
export const PERSONAL_SCOPE: SecretScope = { kind: 'personal', admin: true };

/** The scope of the active workspace (none yet: the personal one's). */
export function scopeOf(active: WorkspaceSummary | null): SecretScope {
  return active ? { kind: active.kind, admin: isAdmin(active.myRole) } : PERSONAL_SCOPE;
}

/**
 * The tabs offered. The personal workspace has no team, so only All (tabs that are
 * always empty are not offered, as 1Password shows sharing only in shared vaults); in a
 * team workspace Private (Admin View) is for Owners and Admins only.
 */
export function secretTabsFor(scope: SecretScope): readonly SecretTab[] {
  if (scope.kind === 'personal') return PERSONAL_TABS;
  if (!scope.admin) return SECRET_TABS.filter((tab) => tab !== 'private-admin');
  return SECRET_TABS;
}

const PERSONAL_TABS: readonly SecretTab[] = ['all'];

/** The tab to show: `tab`, or All when the scope doesn't offer it (a role or workspace change). */
export function tabIn(scope: SecretScope, tab: SecretTab): SecretTab {
  return secretTabsFor(scope).includes(tab) ? tab : 'all';
}

/**
 * Whether a key belongs on a tab (before the search). Main lists only the keys I may
 * see: All shows them all; Team the keys with Team access; Private the restricted keys
 * I may use; Private (Admin View) every restricted key (Owners and Admins see them all).
 * The personal workspace has no team, so only All lists anything there.
 */
export function inTab(secret: SecretMeta, tab: SecretTab, scope: SecretScope): boolean {
  if (tab === 'all') return true;
  if (scope.kind === 'personal') return false;
  switch (tab) {
    case 'team':
      return secret.access.kind === 'team';
    case 'private':
      return secret.access.kind === 'restricted' && secret.rights.use;
    case 'private-admin':
      return scope.admin && secret.access.kind === 'restricted';
  }
}

/**
 * The secrets a tab shows for a search query: name or description contains the query,
 * case-insensitively; with `due` (the time now), only the keys due soon or overdue then.
 * Returns `items` itself when nothing is filtered out.
 */
export function filterSecrets(items: readonly SecretMeta[], query: string, tab: SecretTab, scope: SecretScope = PERSONAL_SCOPE, due: Date | null = null): readonly SecretMeta[] {
  const needle = queryKey(query);
  if (needle === '' && tab === 'all' && due === null) return items;
  const matches: SecretMeta[] = [];
  for (const item of items) {
    if (!inTab(item, tab, scope)) continue;
    if (due !== null && (rotationState(item, due)?.status ?? 'ok') === 'ok') continue;
    if (needle !== '') {
      const keys = keysOf(item);
      if (!keys.name.includes(needle) && !keys.description.includes(needle)) continue;
    }
    matches.push(item);
  }
  return matches;
}
