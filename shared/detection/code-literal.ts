/**
 * Convert to secret key in Run Code source: the literal leaves the code and comes back as
 * `input.<name>`, an input variable holding the key's chip. Pure functions.
 */

/** A JavaScript name for the variable, from the key's name ("Stripe live secret key" → stripeLiveSecretKey), not among `taken`. */
export function variableNameFor(keyName: string, taken: readonly string[]): string {
  const words = keyName
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let base = words.map((word, index) => (index === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase())).join('') || 'key';
  if (/^\d/.test(base)) base = `key${base}`;
  base = base.slice(0, 60);
  if (base === 'steps') base = 'stepsKey';
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base}${n}`;
  return name;
}

/**
 * `code` with the text from `start` to `end` read from `input.<variable>` instead: a whole
 * string literal becomes the expression, a part of one is concatenated (or interpolated in
 * a template literal).
 */
export function codeReadingInput(code: string, start: number, end: number, variable: string): string {
  const expression = `input.${variable}`;
  const lineStart = code.lastIndexOf('\n', start - 1) + 1;
  const before = code.slice(lineStart, start);
  const quote = [...before].reverse().find((char) => char === "'" || char === '"' || char === '`');
  if (!quote) return code.slice(0, start) + expression + code.slice(end);
  if (quote === '`') return `${code.slice(0, start)}\${${expression}}${code.slice(end)}`;
  const whole = code[start - 1] === quote && code[end] === quote;
  if (whole) return code.slice(0, start - 1) + expression + code.slice(end + 1);
  const opensHere = code[start - 1] === quote;
  const closesHere = code[end] === quote;
  const left = opensHere ? `${expression} + ${quote}` : `${quote} + ${expression}`;
  const replaced = opensHere
    ? code.slice(0, start - 1) + left + code.slice(end)
    : closesHere
      ? code.slice(0, start) + `${quote} + ${expression}` + code.slice(end + 1)
      : code.slice(0, start) + `${quote} + ${expression} + ${quote}` + code.slice(end);
  return replaced;
}
