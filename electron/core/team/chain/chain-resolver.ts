/**
 * Evaluates a workspace's membership chain — every link any machine wrote, in any order
 * they arrived — to one result, the same on every machine.
 *
 * A link counts when its author held the right to make each of its changes at the point
 * of the graph where they made it (their parents), and no revocation that its author had
 * not seen takes that right away. This is "strong removal" (as p2panda's group CRDT names
 * it): when an Admin removes or demotes someone, or revokes a grant, whatever the revoked
 * person did at the same time (links, records, audit entries the revoker hadn't seen)
 * stops counting where it needed the right they lost. Two people who take each other's
 * rights at the same time both lose them (a removal is never undone by its target). When
 * revocations cancel each other in a loop no rule can order, revocations stand and grants
 * fall. Nothing here compares hashes or clocks, so no author can grind their way to a win.
 */
import { ChainGraph, LinkSet } from './chain-graph';
import { ChainRegisters, roleRank, type ChainSnapshot, type KeyInfo, type StateView } from './chain-state';
import { applyToDraft, changeProblem } from './change-rules';
import type { ChainChange, ChainLink } from './chain-link';

/** Change types that can take a right away from someone. */
const MAY_REVOKE = new Set<ChainChange['type']>([
  'remove-member',
  'remove-device',
  'set-role',
  'save-group',
  'delete-group',
  'set-settings',
  'set-access',
  'delete-key',
  'protect-environment',
]);

interface Evaluation {
  registers: ChainRegisters;
  /** null for a link that counts; otherwise why it doesn't. */
  verdicts: (string | null)[];
  /** For every link that counts and takes rights away: whose (member ids, and `deviceLoser` keys of devices removed). */
  revoked: Map<number, Set<string>>;
}

/** How a removed device is named among those who lose rights (a member id alone means all of that member's devices). */
export const deviceLoser = (deviceId: string) => `device:${deviceId}`;

/** The keys under which what a device signed is revoked: the device's own, and its member's. */
function loserKeysOf(registers: ChainRegisters, signerId: string): string[] {
  const memberId = registers.ownerOfDevice(signerId);
  return memberId === undefined ? [deviceLoser(signerId)] : [deviceLoser(signerId), memberId];
}

export class ResolvedChain {
  private readonly snapshots = new Map<string, ChainSnapshot>();
  private finalState: ChainSnapshot;

  constructor(
    readonly graph: ChainGraph,
    private readonly evaluation: Evaluation,
  ) {
    this.finalState = evaluation.registers.atHeads(graph.heads);
  }

  /** The state after every link held here. */
  get final(): ChainSnapshot {
    return this.finalState;
  }

  /**
   * Adds this machine's own new link, made on top of every head with its author's rights
   * checked there: nothing is concurrent with it, so it counts and caps nothing already here.
   */
  extend(link: ChainLink): void {
    const before = this.finalState;
    const problem = problemOf(before, link);
    if (problem) throw new Error(problem);
    const index = this.graph.append(link);
    const draft = before.draft();
    for (const change of link.changes) {
      this.registers.apply(index, link.author, link.at, change, draft);
      applyToDraft(draft, link.author, link.at, change);
    }
    this.evaluation.verdicts.push(null);
    if (link.changes.some((change) => MAY_REVOKE.has(change.type))) {
      const losers = losersOf(before, draft, link.changes);
      if (losers.size > 0) this.evaluation.revoked.set(index, losers);
    }
    this.finalState = this.registers.atHeads(this.graph.heads);
  }

  get registers(): ChainRegisters {
    return this.evaluation.registers;
  }

  /** Why the link doesn't count, or null when it does (undefined: not in the graph). */
  verdict(id: string): string | null | undefined {
    const index = this.graph.index(id);
    return index === undefined ? undefined : this.evaluation.verdicts[index]!;
  }

  counts(id: string): boolean {
    return this.verdict(id) === null;
  }

  /** Ids of the current heads. */
  headIds(): string[] {
    return this.graph.heads.map((index) => this.graph.links[index]!.id).sort();
  }

  /** The state where the links `ids` (and everything before them) have happened; null when one is unknown here. */
  snapshotAt(ids: readonly string[]): ChainSnapshot | null {
    const key = [...ids].sort().join(',');
    const cached = this.snapshots.get(key);
    if (cached) return cached;
    const indexes: number[] = [];
    for (const id of ids) {
      const index = this.graph.index(id);
      if (index === undefined) return null;
      indexes.push(index);
    }
    const snapshot = this.registers.at(this.graph.pastOf(indexes));
    this.snapshots.set(key, snapshot);
    return snapshot;
  }

  /**
   * The first revocation that takes away from `author` a right their change needed, when
   * the revoker had not seen the change (`seenBy` says whether they had) and the change
   * doesn't build on the revocation; null when none does. `allowed` says whether the
   * change is allowed in a given state.
   */
  revokedBy(author: string, context: LinkSet, seenBy: (link: ChainLink) => boolean, allowed: (state: ChainSnapshot) => boolean): ChainLink | null {
    const keys = loserKeysOf(this.registers, author);
    for (const [index, revoked] of this.evaluation.revoked) {
      if (!keys.some((key) => revoked.has(key)) || context.has(index)) continue;
      const link = this.graph.links[index]!;
      if (seenBy(link)) continue;
      const joined = context.copy(this.graph.size);
      joined.addAll(this.graph.pastOf([index]));
      if (!allowed(this.registers.at(joined))) return link;
    }
    return null;
  }

  /** Links that count and take rights away, with whose. */
  revocations(): { link: ChainLink; revoked: ReadonlySet<string> }[] {
    return [...this.evaluation.revoked].map(([index, revoked]) => ({ link: this.graph.links[index]!, revoked }));
  }

  /** The context (link set) of a list of link ids; null when one is unknown. */
  contextOf(ids: readonly string[]): LinkSet | null {
    const indexes: number[] = [];
    for (const id of ids) {
      const index = this.graph.index(id);
      if (index === undefined) return null;
      indexes.push(index);
    }
    return indexes.length === 0 ? LinkSet.empty(this.graph.size) : this.graph.pastOf(indexes);
  }
}

/**
 * Resolves the chain made of `links` (signatures already checked), rooted at the link
 * `genesisId`. Every other root, and every link whose parents aren't all here, doesn't count.
 */
export function resolveChain(links: Iterable<ChainLink>, genesisId: string, legacyKeys: ReadonlyMap<string, KeyInfo> = new Map()): ResolvedChain {
  const graph = new ChainGraph(links);
  const genesis = graph.index(genesisId);
  let filter = new Map<number, string>();
  const lockedOut = new Map<number, string>();
  const lockedIn = new Set<number>();
  const seen = new Map<string, number>();
  const history: Map<number, string>[] = [];
  const mayRevoke = new Set<number>();
  for (let round = 0; ; round++) {
    const evaluation = evaluate(graph, genesis, filter, legacyKeys);
    for (const index of evaluation.revoked.keys()) mayRevoke.add(index);
    let next = capsOf(graph, evaluation);
    for (const [index, reason] of lockedOut) next.set(index, reason);
    for (const index of lockedIn) next.delete(index);
    if (sameKeys(next, filter) || round > 4 * (graph.size + 8)) return new ResolvedChain(graph, evaluation);
    const key = [...next.keys()].sort((a, b) => a - b).join(',');
    const first = seen.get(key);
    if (first !== undefined) {
      // The caps go round in a loop: settle every link that changes along it, once.
      const loop = history.slice(first);
      const everCapped = new Set(loop.flatMap((caps) => [...caps.keys()]));
      for (const index of everCapped) {
        if (loop.every((caps) => caps.has(index))) continue;
        if (mayRevoke.has(index)) lockedIn.add(index);
        else lockedOut.set(index, loop.find((caps) => caps.has(index))!.get(index)!);
      }
      next = new Map([...next, ...lockedOut].filter(([index]) => !lockedIn.has(index)));
      seen.clear();
      history.length = 0;
    }
    seen.set([...next.keys()].sort((a, b) => a - b).join(','), history.length);
    history.push(next);
    filter = next;
  }
}

function sameKeys(a: Map<number, string>, b: Map<number, string>): boolean {
  return a.size === b.size && [...a.keys()].every((key) => b.has(key));
}

/** One pass over the graph in order, with the links in `filter` set aside. */
function evaluate(graph: ChainGraph, genesis: number | undefined, filter: Map<number, string>, legacyKeys: ReadonlyMap<string, KeyInfo>): Evaluation {
  const registers = new ChainRegisters(graph, legacyKeys);
  const verdicts: (string | null)[] = [];
  const revoked = new Map<number, Set<string>>();
  for (const [index, link] of graph.links.entries()) {
    if (index === genesis) {
      registers.apply(index, link.author, link.at, link.changes[0]!, registers.at(LinkSet.empty(graph.size)).draft());
      verdicts.push(null);
      continue;
    }
    if (link.parents.length === 0) {
      verdicts.push('It claims to start the workspace a second time.');
      continue;
    }
    const capped = filter.get(index);
    if (capped !== undefined) {
      verdicts.push(capped);
      continue;
    }
    const before = registers.at(graph.pastOf(graph.parentIndexes[index]!));
    const problem = problemOf(before, link);
    verdicts.push(problem);
    if (problem !== null) continue;
    const draft = before.draft();
    for (const change of link.changes) {
      registers.apply(index, link.author, link.at, change, draft);
      applyToDraft(draft, link.author, link.at, change);
    }
    if (link.changes.some((change) => MAY_REVOKE.has(change.type))) {
      const losers = losersOf(before, draft, link.changes);
      if (losers.size > 0) revoked.set(index, losers);
    }
  }
  return { registers, verdicts, revoked };
}

/** Why `link`'s author may not make its changes, in order, on top of `state`; null when they may. */
export function problemOf(state: ChainSnapshot, link: ChainLink): string | null {
  const draft = state.draft();
  for (const change of link.changes) {
    const problem = changeProblem(draft, link.author, change);
    if (problem) return problem;
    applyToDraft(draft, link.author, link.at, change);
  }
  return null;
}

/** Who has fewer rights after a link's changes than before them: members, and devices removed (`deviceLoser`). */
export function losersOf(before: StateView, after: StateView, changes: readonly ChainChange[]): Set<string> {
  const losers = new Set<string>();
  for (const change of changes) if (change.type === 'remove-device' && !after.memberIdOf(change.deviceId)) losers.add(deviceLoser(change.deviceId));
  const keys = new Set(changes.flatMap((change) => (change.type === 'set-access' || change.type === 'delete-key' ? [change.keyId] : [])));
  // Protecting an environment, or taking a run grant away, takes from someone the right to run there (and its values).
  const environments = new Set(changes.flatMap((change) => (change.type === 'protect-environment' ? [change.environmentId] : [])));
  const stopsCreating = before.settings.editorsCanCreateSecrets && !after.settings.editorsCanCreateSecrets;
  for (const [memberId, member] of before.members) {
    const now = after.members.get(memberId);
    if (!now || roleRank(now.role) < roleRank(member.role) || (stopsCreating && member.role === 'editor')) {
      losers.add(memberId);
      continue;
    }
    const groupsBefore = [...before.groups.values()].filter((group) => group.memberIds.includes(memberId));
    if (groupsBefore.some((group) => !after.groups.get(group.id)?.memberIds.includes(memberId))) {
      losers.add(memberId);
      continue;
    }
    for (const keyId of keys) {
      const was = before.rightsOn(memberId, keyId);
      const is = after.rightsOn(memberId, keyId);
      if ((was.use && !is.use) || (was.manage && !is.manage) || (was.see && !is.see)) {
        losers.add(memberId);
        break;
      }
    }
    for (const environmentId of environments) {
      if (before.mayRun(memberId, environmentId) && !after.mayRun(memberId, environmentId)) losers.add(memberId);
    }
  }
  return losers;
}

/**
 * Links made, at the same time as a revocation, by someone it revoked, that need the
 * revoked right — except between revocations that take each other's rights in a loop
 * (A removes B while B removes A): those all stand.
 */
function capsOf(graph: ChainGraph, evaluation: Evaluation): Map<number, string> {
  const caps = new Map<number, number[]>();
  const byAuthor = new Map<string, number[]>();
  for (const [index, link] of graph.links.entries()) {
    if (evaluation.verdicts[index] !== null) continue;
    for (const key of loserKeysOf(evaluation.registers, link.author)) {
      const list = byAuthor.get(key) ?? [];
      list.push(index);
      byAuthor.set(key, list);
    }
  }
  for (const [revocation, revoked] of evaluation.revoked) {
    for (const loser of revoked) {
      for (const index of byAuthor.get(loser) ?? []) {
        if (!graph.concurrent(index, revocation)) continue;
        if (caps.get(index)?.includes(revocation)) continue;
        const joined = graph.pastOf(graph.parentIndexes[index]!).copy(graph.size);
        joined.addAll(graph.pastOf([revocation]));
        if (problemOf(evaluation.registers.at(joined), graph.links[index]!) === null) continue;
        const list = caps.get(index) ?? [];
        list.push(revocation);
        caps.set(index, list);
      }
    }
  }
  const loops = revocationLoops(caps, evaluation.revoked);
  const filter = new Map<number, string>();
  for (const [index, by] of caps) {
    const cappedBy = by.filter((revocation) => !(loops.get(index) !== undefined && loops.get(index) === loops.get(revocation)));
    if (cappedBy.length === 0) continue;
    const revoker = graph.links[cappedBy[0]!]!;
    filter.set(index, `It was made at the same time as a change by ${revoker.author} that took the needed right away, and that change hadn't seen it.`);
  }
  return filter;
}

/** Strongly connected components of the "capped by" relation among revocations: component id per link. */
function revocationLoops(caps: Map<number, number[]>, revocations: Map<number, Set<string>>): Map<number, number> {
  const edges = new Map<number, number[]>();
  for (const [index, by] of caps)
    if (revocations.has(index))
      edges.set(
        index,
        by.filter((other) => revocations.has(other)),
      );
  const component = new Map<number, number>();
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  let counter = 0;
  const visit = (node: number): void => {
    order.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
    }
    if (low.get(node) === order.get(node)) {
      const members: number[] = [];
      for (;;) {
        const member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
        if (member === node) break;
      }
      if (members.length > 1) for (const member of members) component.set(member, node);
    }
  };
  for (const node of edges.keys()) if (!order.has(node)) visit(node);
  return component;
}
