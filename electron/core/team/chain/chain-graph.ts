/**
 * The membership chain as a graph: links in a topological order (parents first) and, for
 * every link, the set of links at or before it — so "did A happen before B" and "were A
 * and B made at the same time" are one bit lookup each.
 */
import type { ChainLink } from './chain-link';

/** A set of link indexes as a bit array. */
export class LinkSet {
  constructor(readonly words: Uint32Array) {}

  static empty(size: number): LinkSet {
    return new LinkSet(new Uint32Array((size + 31) >>> 5));
  }

  has(index: number): boolean {
    return ((this.words[index >>> 5] ?? 0) & (1 << (index & 31))) !== 0;
  }

  add(index: number): void {
    this.words[index >>> 5]! |= 1 << (index & 31);
  }

  /** Adds every member of `other` (sets made before the graph grew are shorter: their missing words are empty). */
  addAll(other: LinkSet): void {
    const length = Math.min(this.words.length, other.words.length);
    for (let i = 0; i < length; i++) this.words[i]! |= other.words[i]!;
  }

  /** A copy with room for `size` links. */
  copy(size = this.words.length * 32): LinkSet {
    const words = new Uint32Array(Math.max(this.words.length, (size + 31) >>> 5));
    words.set(this.words);
    return new LinkSet(words);
  }
}

export class ChainGraph {
  /** Links in topological order: every link after all of its parents. */
  readonly links: ChainLink[];
  private readonly indexOf = new Map<string, number>();
  /** upTo[i]: link i and every link before it. */
  private readonly upTo: LinkSet[] = [];
  readonly parentIndexes: number[][] = [];
  /** Links with no child: the newest state everyone built on. */
  readonly heads: number[];
  /** Ids of links that could not be placed (a parent is missing). */
  readonly missing: string[];

  /**
   * Orders `links` (parents first; among links free at the same time, by id, so every
   * machine gets the same order). A link whose parent is missing is left out, with its
   * descendants: `missing` lists them.
   */
  constructor(links: Iterable<ChainLink>) {
    const byId = new Map<string, ChainLink>();
    for (const link of links) byId.set(link.id, link);
    const children = new Map<string, string[]>();
    const waiting = new Map<string, number>();
    const ready: string[] = [];
    for (const link of byId.values()) {
      const parents = [...new Set(link.parents)];
      waiting.set(link.id, parents.length);
      if (parents.length === 0) ready.push(link.id);
      for (const parent of parents) {
        const list = children.get(parent) ?? [];
        list.push(link.id);
        children.set(parent, list);
      }
    }
    this.links = [];
    ready.sort();
    // A small binary heap would do; ready sets are tiny (concurrent links), so sorted insertion is enough.
    while (ready.length > 0) {
      const id = ready.shift()!;
      const link = byId.get(id)!;
      const index = this.links.length;
      this.links.push(link);
      this.indexOf.set(id, index);
      for (const child of children.get(id) ?? []) {
        const left = waiting.get(child)! - 1;
        waiting.set(child, left);
        if (left === 0) insertSorted(ready, child);
      }
    }
    this.missing = [...byId.keys()].filter((id) => !this.indexOf.has(id));
    const size = this.links.length;
    const hasChild = new Uint8Array(size);
    for (const [index, link] of this.links.entries()) {
      const set = LinkSet.empty(size);
      set.add(index);
      const parents = [...new Set(link.parents)].map((id) => this.indexOf.get(id)!);
      for (const parent of parents) {
        set.addAll(this.upTo[parent]!);
        hasChild[parent] = 1;
      }
      this.upTo.push(set);
      this.parentIndexes.push(parents);
    }
    this.heads = [...Array(size).keys()].filter((index) => !hasChild[index]);
  }

  get size(): number {
    return this.links.length;
  }

  /** Adds a link made on top of every current head (this machine's own new link); returns its index. */
  append(link: ChainLink): number {
    const heads = [...this.heads].sort((a, b) => a - b);
    const parents = [...new Set(link.parents)].map((id) => this.indexOf.get(id));
    if (parents.length !== heads.length || parents.some((parent) => parent === undefined || !heads.includes(parent))) {
      throw new Error('A new link must be made on top of every current head.');
    }
    const index = this.links.length;
    const set = LinkSet.empty(index + 1);
    set.add(index);
    for (const parent of parents as number[]) set.addAll(this.upTo[parent]!);
    this.links.push(link);
    this.indexOf.set(link.id, index);
    this.upTo.push(set);
    this.parentIndexes.push(parents as number[]);
    this.heads.splice(0, this.heads.length, index);
    return index;
  }

  index(id: string): number | undefined {
    return this.indexOf.get(id);
  }

  /** Whether link `a` is link `b` or happened before it. */
  atOrBefore(a: number, b: number): boolean {
    return this.upTo[b]!.has(a);
  }

  concurrent(a: number, b: number): boolean {
    return a !== b && !this.upTo[b]!.has(a) && !this.upTo[a]!.has(b);
  }

  /** Every link at or before any of `indexes`. */
  pastOf(indexes: readonly number[]): LinkSet {
    if (indexes.length === 1) return this.upTo[indexes[0]!]!;
    const set = LinkSet.empty(this.size);
    for (const index of indexes) set.addAll(this.upTo[index]!);
    return set;
  }
}

function insertSorted(list: string[], id: string): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < id) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, id);
}
