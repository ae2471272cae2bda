/**
 * Reconciling the membership chain held here with the one in a workspace file.
 *
 * - The file's chain extends ours: take it.
 * - Ours extends the file's: keep ours. If the file lacks a change already published,
 *   it is an older copy (a rollback) and is refused.
 * - Both changed since a common change (two Admins at once): a fork. Changes by someone
 *   the other branch removes are dropped (a removed member can't sneak changes in "before"
 *   the removal); the branch whose first change has the lower hash becomes the base, and
 *   this machine re-signs its own changes from the other branch on top of it, where still
 *   allowed. Changes by others on the losing branch are re-applied by their authors when
 *   they next sync. Every client picks the same base, so they converge.
 */
import { appendLink, changeProblem, extendChain, linkHash, verifyChain, ChainError, type ChainHead, type ChainLink, type Membership } from './membership-chain';
import type { DeviceKeys } from '../crypto/device-keys';

export interface ChainMerge {
  chain: ChainLink[];
  membership: Membership;
  /** Our chain gained changes the file lacks: the file must be written. */
  fileBehind: boolean;
  /** What could not be carried over, for the sync status. */
  notes: string[];
}

function commonPrefix(a: readonly ChainLink[], b: readonly ChainLink[]): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index]!.sig === b[index]!.sig && linkHash(a[index]!) === linkHash(b[index]!)) index++;
  return index;
}

function removedIn(links: readonly ChainLink[]): Set<string> {
  return new Set(links.flatMap((link) => (link.change.type === 'remove-member' ? [link.change.memberId] : [])));
}

/** A chain of links and the membership its verification established. */
export interface VerifiedChain {
  links: readonly ChainLink[];
  membership: Membership;
}

/**
 * `ours` and `theirs` are verified chains of `workspaceId`. `published` is the newest
 * head this machine has seen in the file; when `theirs` is the main file, losing it is a
 * rollback.
 */
export function mergeChains(
  workspaceId: string,
  { links: ours, membership: ourMembership }: VerifiedChain,
  { links: theirs, membership: theirMembership }: VerifiedChain,
  keys: DeviceKeys,
  published: ChainHead | null,
  isMainFile: boolean,
): ChainMerge {
  const shared = commonPrefix(ours, theirs);
  if (shared === theirs.length) {
    const rollback = isMainFile && published !== null && published.seq >= theirs.length && ours[published.seq] !== undefined && linkHash(ours[published.seq]!) === published.hash;
    if (rollback) {
      throw new ChainError(
        `This workspace file is older than one Keyflow already saw here (it lacks ${published.seq + 1 - theirs.length} membership change(s)): it may have been replaced by an old copy. Nothing from it was applied; Keyflow will write the newer copy back.`,
      );
    }
    return { chain: [...ours], membership: ourMembership, fileBehind: shared < ours.length, notes: [] };
  }
  if (shared === ours.length) return { chain: [...theirs], membership: theirMembership, fileBehind: false, notes: [] };

  // A fork after `shared` common changes.
  const ourBranch = ours.slice(shared);
  const theirBranch = theirs.slice(shared);
  const ourRemovals = removedIn(ourBranch);
  const theirRemovals = removedIn(theirBranch);
  const notes: string[] = [];
  const keep = (branch: ChainLink[], removals: Set<string>) =>
    branch.filter((link) => {
      if (!removals.has(link.author)) return true;
      notes.push(`A membership change by a member removed at the same time was dropped (${link.change.type}).`);
      return false;
    });
  const ourKept = keep(ourBranch, theirRemovals);
  const theirKept = keep(theirBranch, ourRemovals);
  const oursFirst = ourKept.length > 0 && (theirKept.length === 0 || linkHash(ourKept[0]!) < linkHash(theirKept[0]!));
  const [base, other] = oursFirst ? [ourKept, theirKept] : [theirKept, ourKept];

  // The base branch on the common prefix; a link that no longer fits (its author's right
  // came from a dropped change) ends it, and if it is ours it is re-signed below.
  const chain = ours.slice(0, shared);
  const membership = verifyChain(chain, workspaceId);
  for (const [index, link] of base.entries()) {
    try {
      extendChain(membership, link);
      chain.push(link);
    } catch (error) {
      const rest = base.slice(index);
      other.unshift(...rest.filter((l) => l.author === keys.memberId));
      if (rest.some((l) => l.author !== keys.memberId)) notes.push(`A concurrent membership change could not be kept: ${(error as Error).message}`);
      break;
    }
  }
  for (const link of other) {
    if (link.author !== keys.memberId) {
      notes.push('A concurrent membership change by another Admin will be applied when they next sync.');
      continue;
    }
    const problem = changeProblem(membership, keys.memberId, link.change);
    if (problem) {
      notes.push(`Your concurrent membership change was not applied: ${problem}`);
      continue;
    }
    chain.push(appendLink(membership, keys, link.change, link.at));
  }
  return { chain, membership, fileBehind: commonPrefix(chain, theirs) < chain.length, notes };
}
