import type { Automaton, MatchListener } from './automaton';

/** Text replaced by one mask: overlapping matches merged, named after the leftmost (then longest) match. */
interface MaskedRegion {
  start: number;
  end: number;
  owner: number;
  ownerLength: number;
  maskEmitted: boolean;
}

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;

/**
 * Redacts text that arrives in chunks. A pattern split across chunks is still found: the
 * automaton's state carries over, and text is emitted only once no match can still start in
 * it, i.e. at most (longest pattern − 1) code units are held back; everything before is
 * emitted at once. The concatenated output equals redacting the whole text in one go.
 * Positions below are absolute offsets in the stream.
 */
export class RedactionStream {
  private pending = '';
  private pendingStart = 0;
  /** Where the chunk being scanned starts. */
  private chunkStart = 0;
  private state = 0;
  private readonly regions: MaskedRegion[] = [];
  private readonly onMatch: MatchListener;

  constructor(
    private readonly automaton: Automaton,
    private readonly masks: readonly string[],
  ) {
    this.onMatch = (end, length, owner) => this.addMatch(this.chunkStart + end - length, this.chunkStart + end, owner, length);
  }

  /** Takes the next chunk; returns the redacted text that is now safe to emit. */
  push(chunk: string): string {
    return this.process(chunk, false, Infinity);
  }

  /** Ends the stream (after `last`, if given) and returns the rest; the stream can then start over. */
  flush(last = ''): string {
    const rest = this.process(last, true, Infinity);
    this.state = 0;
    return rest;
  }

  /**
   * Ends the stream with a cut where the pushed text ends. `lookahead`, the text that followed
   * the cut (at least longest pattern − 1 code units of it, or all there was), is scanned but
   * not emitted, so a secret that straddles the cut is masked whole instead of showing its
   * first characters. Returns the rest up to the cut; the stream then starts over.
   */
  truncate(lookahead: string): string {
    const rest = this.process(lookahead, true, this.pendingStart + this.pending.length);
    this.pending = '';
    this.pendingStart = 0;
    this.chunkStart = 0;
    this.state = 0;
    this.regions.length = 0;
    return rest;
  }

  private process(chunk: string, final: boolean, limit: number): string {
    const { pending } = this;
    const base = this.pendingStart;
    // Absolute offset where `chunk` starts: text before it is in `pending`.
    const split = base + pending.length;
    this.chunkStart = split;
    // Scan the chunk itself: the held-back tail was scanned already (the state carries it), and
    // `pending + chunk` would copy the whole chunk into a new string on the first slice of it.
    this.state = this.automaton.scan(chunk, 0, chunk.length, this.state, this.onMatch);
    const scanned = split + chunk.length;
    const unitAt = (at: number) => (at < split ? pending.charCodeAt(at - base) : chunk.charCodeAt(at - split));
    const textBetween = (from: number, to: number) => {
      if (to <= split) return pending.slice(from - base, to - base);
      if (from >= split) return chunk.slice(from - split, to - split);
      return pending.slice(from - base) + chunk.slice(0, to - split);
    };
    let settled = Math.min(limit, final ? scanned : Math.max(base, scanned - Math.max(0, this.automaton.longestPattern - 1)));
    // Never end an emitted piece between the two halves of a surrogate pair.
    if (settled > base && settled < scanned && isHighSurrogate(unitAt(settled - 1))) settled--;

    let out = '';
    let position = base;
    while (position < settled) {
      const region = this.regions[0];
      if (region !== undefined && region.start <= position) {
        if (!region.maskEmitted) {
          out += this.masks[region.owner];
          region.maskEmitted = true;
        }
        if (region.end > settled) {
          // Still open: later matches may extend it, but what was scanned of it is masked already.
          position = Math.min(region.end, scanned);
          break;
        }
        position = region.end;
        this.regions.shift();
      } else {
        const stop = region !== undefined && region.start < settled ? region.start : settled;
        out += textBetween(position, stop);
        position = stop;
      }
    }
    this.pending = textBetween(position, scanned);
    this.pendingStart = position;
    return out;
  }

  /** Matches arrive in order of their end, so a new one can only overlap the last regions. */
  private addMatch(start: number, end: number, owner: number, length: number): void {
    let merged: MaskedRegion = { start, end, owner, ownerLength: length, maskEmitted: false };
    for (let last = this.regions.at(-1); last !== undefined && merged.start < last.end; last = this.regions.at(-1)) {
      this.regions.pop();
      const lastNamesIt = last.start < merged.start || (last.start === merged.start && last.ownerLength >= merged.ownerLength);
      merged = lastNamesIt ? { ...last, end: Math.max(last.end, merged.end) } : { ...merged, end: Math.max(last.end, merged.end) };
    }
    this.regions.push(merged);
  }
}
