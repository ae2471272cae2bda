/**
 * A text area shows, and reports, its text with every line break as LF: a pasted or loaded
 * CRLF is not kept there. The exact text (what is stored) is kept beside it, and each edit
 * of the text area is carried over to it. Offsets in the text area count a CRLF as one.
 * All functions are pure.
 */

/** The text as a text area shows it. */
export function asShown(exact: string): string {
  return exact.replace(/\r\n?/g, '\n');
}

/** The offset in `exact` of offset `shown` in asShown(exact). */
export function exactOffset(exact: string, shown: number): number {
  let at = 0;
  for (let counted = 0; counted < shown && at < exact.length; counted++) at += exact[at] === '\r' && exact[at + 1] === '\n' ? 2 : 1;
  return at;
}

/** `exact` with the shown range [start, end) replaced by `text`, kept as it is. */
export function replaceShown(exact: string, start: number, end: number, text: string): string {
  return exact.slice(0, exactOffset(exact, start)) + text + exact.slice(exactOffset(exact, end));
}

/**
 * Carries a text area's edit (from asShown(exact) to `next`) over to the exact text: what
 * the edit didn't touch keeps its line breaks; what it typed is taken as typed.
 */
export function applyShownEdit(exact: string, next: string): string {
  const before = asShown(exact);
  if (before === next) return exact;
  let prefix = 0;
  const limit = Math.min(before.length, next.length);
  while (prefix < limit && before[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && before[before.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  return replaceShown(exact, prefix, before.length - suffix, next.slice(prefix, next.length - suffix));
}

/** "28 lines, Windows line endings (CRLF)" for a multi-line value; null for one line. */
export function lineSummary(exact: string): string | null {
  // A final line break ends the last line; it starts none.
  const lines = asShown(exact).replace(/\n$/, '').split('\n').length;
  if (lines < 2) return null;
  const crlf = exact.includes('\r\n');
  const lf = /(^|[^\r])\n/.test(exact);
  const endings = crlf && lf ? 'mixed line endings (LF and CRLF), kept as they are' : crlf ? 'Windows line endings (CRLF), kept' : 'line endings (LF) kept';
  return `${lines} lines, ${endings}`;
}
