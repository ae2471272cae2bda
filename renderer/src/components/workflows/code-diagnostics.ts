/** Where a Run Code step's code is wrong: syntax errors as it is typed, and the line its last run threw at. */

/** The line a code step's error names ("… (line 3)"), as the sandbox reports it; null when it names none. */
export function thrownLine(message: string | undefined): number | null {
  const match = message ? /\(line (\d+)\)\s*$/.exec(message) : null;
  return match ? Number(match[1]) : null;
}
