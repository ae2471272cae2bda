/**
 * An Aho-Corasick automaton over UTF-16 code units: it finds every occurrence of every
 * pattern in one pass, at a cost that grows with the text and not with the number of
 * patterns. Code units (not grapheme clusters) so that a pattern is found whatever
 * follows it, e.g. a combining mark or a "\n" after a "\r".
 *
 * Layout, for speed: code units are mapped to a small alphabet of the units the patterns
 * use (class 0: any other unit). States are numbered breadth-first. The shallow states,
 * where a scan spends most of its time, get a dense row of transitions over the whole
 * alphabet (failure links already resolved); deeper states, which mostly have one child,
 * keep their children as a contiguous run of state ids (breadth-first numbering puts
 * siblings side by side) and follow failure links. Failure steps never outnumber the units
 * scanned, so a scan is linear in the text whatever the number of patterns.
 *
 * A dense row entry is the offset of the next state's own row when that state is dense and
 * no pattern ends there (the common case: the scan's inner loop is one table load per unit),
 * and ~state otherwise (a match to report, or a deeper state).
 */

export interface Pattern {
  text: string;
  /** Reported with the pattern's matches; when several patterns are equal, the first owner wins. */
  owner: number;
}

/** Called for each text position where a pattern ends, with the longest pattern ending there. */
export type MatchListener = (end: number, length: number, owner: number) => void;

/** Default number of transitions kept in dense rows (int32 each): 1 Mi entries = 4 MiB. */
const DENSE_TABLE_BUDGET = 1 << 20;
const ROOT = 0;

interface Trie {
  stateCount: number;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  label: Int32Array;
  terminalLength: Int32Array;
  terminalOwner: Int32Array;
}

function alphabetOf(patterns: readonly Pattern[]): { classOf: Int32Array; size: number } {
  const classOf = new Int32Array(0x10000);
  let size = 1;
  for (const { text } of patterns) {
    for (let index = 0; index < text.length; index++) {
      const unit = text.charCodeAt(index);
      if (classOf[unit] === 0) classOf[unit] = size++;
    }
  }
  return { classOf, size };
}

function buildTrie(patterns: readonly Pattern[], classOf: Int32Array): Trie {
  const capacity = 1 + patterns.reduce((sum, { text }) => sum + text.length, 0);
  const trie: Trie = {
    stateCount: 1,
    firstChild: new Int32Array(capacity).fill(-1),
    nextSibling: new Int32Array(capacity).fill(-1),
    label: new Int32Array(capacity),
    terminalLength: new Int32Array(capacity),
    terminalOwner: new Int32Array(capacity),
  };
  for (const { text, owner } of patterns) {
    let state = ROOT;
    for (let index = 0; index < text.length; index++) {
      const symbol = classOf[text.charCodeAt(index)]!;
      let child = trie.firstChild[state]!;
      while (child !== -1 && trie.label[child] !== symbol) child = trie.nextSibling[child]!;
      if (child === -1) {
        child = trie.stateCount++;
        trie.label[child] = symbol;
        trie.nextSibling[child] = trie.firstChild[state]!;
        trie.firstChild[state] = child;
      }
      state = child;
    }
    if (trie.terminalLength[state] === 0) {
      trie.terminalLength[state] = text.length;
      trie.terminalOwner[state] = owner;
    }
  }
  return trie;
}

/**
 * Numbers the trie's states breadth-first: shallow states first (they get the dense rows), and
 * the children of state id as the contiguous ids childrenStart[id] .. childrenStart[id + 1] - 1.
 */
function numberBreadthFirst(trie: Trie): { trieOf: Int32Array; childrenStart: Int32Array; label: Int32Array } {
  const count = trie.stateCount;
  const trieOf = new Int32Array(count);
  const childrenStart = new Int32Array(count + 1);
  const label = new Int32Array(count);
  let numbered = 1;
  for (let id = 0; id < count; id++) {
    childrenStart[id] = numbered;
    for (let child = trie.firstChild[trieOf[id]!]!; child !== -1; child = trie.nextSibling[child]!) {
      trieOf[numbered] = child;
      label[numbered] = trie.label[child]!;
      numbered++;
    }
  }
  childrenStart[count] = numbered;
  return { trieOf, childrenStart, label };
}

export class Automaton {
  /** Length of the longest pattern (0 without patterns). */
  readonly longestPattern: number;
  private readonly alphabetSize: number;
  private readonly classOf: Int32Array;
  private readonly denseStates: number;
  private readonly dense: Int32Array;
  private readonly failure: Int32Array;
  private readonly childrenStart: Int32Array;
  /** The alphabet class on the edge into each state. */
  private readonly label: Int32Array;
  /** Length of the longest pattern that ends at each state (a suffix of the state's path), 0 if none. */
  private readonly matchLength: Int32Array;
  private readonly matchOwner: Int32Array;

  /** `denseTableBudget`: how many transitions the dense rows may hold (memory for speed); at least the root gets one. */
  constructor(patterns: readonly Pattern[], denseTableBudget = DENSE_TABLE_BUDGET) {
    const { classOf, size } = alphabetOf(patterns);
    const trie = buildTrie(patterns, classOf);
    const count = trie.stateCount;
    this.classOf = classOf;
    this.alphabetSize = size;
    this.longestPattern = patterns.reduce((longest, { text }) => Math.max(longest, text.length), 0);
    this.denseStates = Math.min(count, Math.max(1, Math.floor(denseTableBudget / size)));
    this.dense = new Int32Array(this.denseStates * size);
    const { trieOf, childrenStart, label } = numberBreadthFirst(trie);
    this.childrenStart = childrenStart;
    this.label = label;
    this.failure = new Int32Array(count);
    this.matchLength = new Int32Array(count);
    this.matchOwner = new Int32Array(count);

    // Breadth-first, so what a state's failure link, outputs and dense row derive from (shallower states) is done.
    for (let id = 0; id < count; id++) {
      for (let child = childrenStart[id]!; child < childrenStart[id + 1]!; child++) {
        const fail = id === ROOT ? ROOT : this.transition(this.failure[id]!, label[child]!);
        const ownLength = trie.terminalLength[trieOf[child]!]!;
        this.failure[child] = fail;
        this.matchLength[child] = ownLength !== 0 ? ownLength : this.matchLength[fail]!;
        this.matchOwner[child] = ownLength !== 0 ? trie.terminalOwner[trieOf[child]!]! : this.matchOwner[fail]!;
      }
      if (id < this.denseStates) {
        const row = id * size;
        const failRow = this.failure[id]! * size;
        if (id !== ROOT) this.dense.copyWithin(row, failRow, failRow + size);
        for (let child = childrenStart[id]!; child < childrenStart[id + 1]!; child++) this.dense[row + label[child]!] = this.encode(child);
      }
    }
  }

  /** A state as dense rows store it: its row's offset when it is dense and no pattern ends there, else ~state. */
  private encode(state: number): number {
    return state < this.denseStates && this.matchLength[state] === 0 ? state * this.alphabetSize : ~state;
  }

  /** The state reached from `state` on a unit of class `symbol`. */
  private transition(state: number, symbol: number): number {
    for (;;) {
      if (state < this.denseStates) {
        const entry = this.dense[state * this.alphabetSize + symbol]!;
        return entry < 0 ? ~entry : entry / this.alphabetSize;
      }
      for (let child = this.childrenStart[state]!; child < this.childrenStart[state + 1]!; child++) {
        if (this.label[child] === symbol) return child;
      }
      state = this.failure[state]!;
    }
  }

  /**
   * Scans text[from, to) starting in `state` (0 for a fresh scan), reporting the longest
   * match ending at each position; returns the state to continue with on the next chunk.
   */
  scan(text: string, from: number, to: number, state: number, onMatch: MatchListener): number {
    const { classOf, dense, alphabetSize, denseStates, matchLength } = this;
    let index = from;
    while (index < to) {
      if (state < denseStates) {
        // Through dense, match-free states: one load per unit, until a match or a deeper state.
        let row = state * alphabetSize;
        let entry = 0;
        while (index < to && (entry = dense[row + classOf[text.charCodeAt(index)]!]!) >= 0) {
          row = entry;
          index++;
        }
        if (index === to) return row / alphabetSize;
        state = ~entry;
      } else {
        state = this.transition(state, classOf[text.charCodeAt(index)]!);
      }
      index++;
      if (matchLength[state] !== 0) onMatch(index, matchLength[state]!, this.matchOwner[state]!);
    }
    return state;
  }
}
