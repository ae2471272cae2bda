import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyShownEdit, asShown, exactOffset, lineSummary, replaceShown } from '../../../renderer/src/components/common/exact-text';

/** Text with every kind of line break, as PEM keys and JSON key files come. */
const lines = fc.array(fc.constantFrom('a', 'b', 'é', '🔑', ' ', '\n', '\r\n', '\r', '-----BEGIN KEY-----'), { maxLength: 40 }).map((parts) => parts.join(''));

describe('a secret value kept exactly while a text area shows it', () => {
  it('keeps every line break of the text untouched by an edit (LF, CRLF and CR)', () => {
    fc.assert(
      fc.property(lines, fc.nat(), fc.nat(), fc.string({ maxLength: 5 }), (exact, a, b, typed) => {
        const shown = asShown(exact);
        const start = Math.min(a, b) % (shown.length + 1);
        const end = Math.min(shown.length, start + (Math.max(a, b) % 7));
        const next = shown.slice(0, start) + typed.replace(/\r/g, '') + shown.slice(end);
        const result = applyShownEdit(exact, next);
        // What the text area shows afterwards is exactly what it was told.
        expect(asShown(result)).toBe(next);
        // The part before the edit keeps its exact bytes.
        expect(result.startsWith(exact.slice(0, exactOffset(exact, Math.min(start, commonPrefix(shown, next)))))).toBe(true);
      }),
    );
  });

  it('pastes CRLF text as it is, where the caret is', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\r\nMIIB\r\n-----END PRIVATE KEY-----\r\n';
    expect(replaceShown('', 0, 0, pem)).toBe(pem);
    expect(replaceShown('a\r\nb', 2, 2, pem)).toBe(`a\r\n${pem}b`);
    // Typing after a pasted CRLF key keeps its CRLF.
    expect(applyShownEdit(pem, `${asShown(pem)}x`)).toBe(`${pem}x`);
    expect(applyShownEdit(pem, asShown(pem).replace('MIIB', 'MIIC'))).toBe(pem.replace('MIIB', 'MIIC'));
  });

  it('says how many lines a value has and which line endings it keeps', () => {
    expect(lineSummary('one line')).toBeNull();
    expect(lineSummary('a\nb')).toBe('2 lines, line endings (LF) kept');
    expect(lineSummary('a\r\nb\r\n')).toBe('2 lines, Windows line endings (CRLF), kept');
    expect(lineSummary('one line\n')).toBeNull();
    expect(lineSummary('a\r\nb\r\nc')).toBe('3 lines, Windows line endings (CRLF), kept');
    expect(lineSummary('a\r\nb\nc')).toBe('3 lines, mixed line endings (LF and CRLF), kept as they are');
  });
});

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
