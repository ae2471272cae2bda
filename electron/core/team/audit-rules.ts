/**
 * Which audit entries count: those whose author was a member, about a key they could
 * see, where they made the entry (its context), and that no revocation they hadn't seen
 * took that away — so a removed member can't add entries about keys created after their
 * removal. An author's entries count in the order of their own hash chain; a fork (two
 * entries with the same number) counts both branches, on every machine alike.
 */
import type { StoredAuditEntry } from '../audit/audit-log';
import type { AuditRecord } from '../audit/audit-entry';
import type { ResolvedChain } from './chain/chain-resolver';
import type { ChainSnapshot } from './chain/chain-state';

function allowed(state: ChainSnapshot, entry: AuditRecord): boolean {
  const memberId = state.memberIdOf(entry.author);
  if (memberId === undefined || !state.members.has(memberId)) return false;
  const key = state.key(entry.secretId);
  if (!key) return false;
  return entry.action === 'deleted' || state.rightsOn(memberId, entry.secretId).see;
}

/** Whether `entry` is one of the entries at or before `heads` in its author's chain. */
function covered(entry: StoredAuditEntry, heads: readonly string[], byHash: ReadonlyMap<string, AuditRecord>): boolean {
  for (const head of heads) {
    let hash: string | undefined = head;
    while (hash) {
      if (hash === entry.hash) return true;
      const at: AuditRecord | undefined = byHash.get(hash);
      if (!at || at.seq <= entry.entry.seq) break;
      hash = at.prev;
    }
  }
  return false;
}

export function countedAuditEntries(entries: readonly StoredAuditEntry[], chain: ResolvedChain): Set<string> {
  const byHash = new Map(entries.map((stored) => [stored.hash, stored.entry]));
  const counted = new Set<string>();
  const ordered = [...entries].sort((a, b) => a.entry.seq - b.entry.seq);
  for (const stored of ordered) {
    const { entry } = stored;
    const previous = entry.prev === '' ? null : byHash.get(entry.prev);
    const linked =
      entry.seq === 1
        ? entry.prev === ''
        : previous !== undefined && previous !== null && previous.author === entry.author && previous.seq === entry.seq - 1 && counted.has(entry.prev);
    if (!linked) continue;
    const contextIds = entry.context ?? chain.headIds();
    const state = chain.snapshotAt(contextIds);
    const context = chain.contextOf(contextIds);
    if (!state || !context || !allowed(state, entry)) continue;
    if (entry.context !== undefined) {
      const revocation = chain.revokedBy(
        entry.author,
        context,
        (link) => covered(stored, link.seen[entry.author]?.audit ?? [], byHash),
        (at) => allowed(at, entry),
      );
      if (revocation) continue;
    }
    counted.add(stored.hash);
  }
  return counted;
}
