import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from '../../../electron/core/redaction/automaton';

type Hit = [end: number, length: number, owner: number];

/** At each position, the longest pattern ending there (first listed among equal ones), by brute force. */
function naiveLongestPerEnd(patterns: readonly string[], text: string): Hit[] {
  const hits: Hit[] = [];
  for (let end = 1; end <= text.length; end++) {
    let best: Hit | undefined;
    patterns.forEach((pattern, owner) => {
      if (text.slice(0, end).endsWith(pattern) && (best === undefined || pattern.length > best[1])) best = [end, pattern.length, owner];
    });
    if (best !== undefined) hits.push(best);
  }
  return hits;
}

function scanInPieces(automaton: Automaton, pieces: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  let offset = 0;
  let state = 0;
  for (const piece of pieces) {
    const base = offset;
    state = automaton.scan(piece, 0, piece.length, state, (end, length, owner) => hits.push([base + end, length, owner]));
    offset += piece.length;
  }
  return hits;
}

const letters = (alphabet: string, maxLength: number, minLength = 0) => fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
// 'd' and 'é' never occur in a pattern: units outside the automaton's alphabet.
const patternsAndPieces = fc.record({
  patterns: fc.array(letters('abc', 9, 1), { minLength: 1, maxLength: 40 }),
  pieces: fc.array(letters('abcdé', 40), { maxLength: 6 }),
});

describe('Automaton', () => {
  // Budgets in transitions: only the root dense (every other state follows failure links), a few rows, everything.
  it.each([1, 20, Number.MAX_SAFE_INTEGER])('reports the longest pattern ending at each position (dense-table budget %d)', (budget) => {
    fc.assert(
      fc.property(patternsAndPieces, ({ patterns, pieces }) => {
        const automaton = new Automaton(
          patterns.map((text, owner) => ({ text, owner })),
          budget,
        );
        expect(scanInPieces(automaton, pieces)).toEqual(naiveLongestPerEnd(patterns, pieces.join('')));
      }),
      { numRuns: 300 },
    );
  });

  it('matches UTF-16 code units, whatever grapheme cluster they belong to', () => {
    const automaton = new Automaton([
      { text: 'e', owner: 0 },
      { text: '\uDE00', owner: 1 },
    ]);
    const text = 'e\u0301 😀'; // e + combining acute, space, then a surrogate pair ending in \uDE00
    expect(scanInPieces(automaton, [text])).toEqual([
      [1, 1, 0],
      [5, 1, 1],
    ]);
  });
});
