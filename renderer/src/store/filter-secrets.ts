import type { SecretMeta } from '../../../shared/model/secret';
import { keysOf, queryKey } from './secret-keys';

/** The Manage Secret Keys tabs, in display order. */
export const SECRET_TABS = ['all', 'team', 'private', 'private-admin'] as const;
export type SecretTab = (typeof SECRET_TABS)[number];

/**
 * The secrets a tab shows for a search query: name or description contains the query,
 * case-insensitively. Returns `items` itself when nothing is filtered out.
 *
 * Only the personal workspace exists so far, and every key in it belongs to its one
 * person: Team and Restricted access (the other tabs) come with team workspaces.
 */
export function filterSecrets(items: readonly SecretMeta[], query: string, tab: SecretTab): readonly SecretMeta[] {
  if (tab !== 'all') return [];
  const needle = queryKey(query);
  if (needle === '') return items;
  const matches: SecretMeta[] = [];
  for (const item of items) {
    const keys = keysOf(item);
    if (keys.name.includes(needle) || keys.description.includes(needle)) matches.push(item);
  }
  return matches;
}
