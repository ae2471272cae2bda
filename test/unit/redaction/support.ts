import fc from 'fast-check';
import { secretVariants } from '../../../electron/core/redaction/secret-variants';
import { maskFor, type MaskableSecret } from '../../../electron/core/redaction/redactor';

const alphanumeric = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const specials = [...'"\'\\/<>&=+%?#;: \t-_.~!*()\x01\x7f\u2028é'];

/** Secret values of at least 8 UTF-16 code units: ASCII with the characters each encoding treats specially, any Unicode, several lines. */
export const secretValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...alphanumeric, ...specials), minLength: 8, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 8, maxLength: 20 }),
  fc.string({ unit: 'binary', minLength: 8, maxLength: 20 }),
  fc
    .array(fc.string({ unit: fc.constantFrom(...alphanumeric, ...specials), minLength: 1, maxLength: 20 }), { minLength: 2, maxLength: 4 })
    .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)))
    .filter((value) => value.length >= 8),
);

/** Text around a secret: anything, including characters that start or continue encodings. */
export const surroundingText: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 60 });

const hex4 = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
const jsonInner = (value: string): string => JSON.stringify(value).slice(1, -1);

/**
 * The value as common libraries write it, each computed independently of the redactor's own
 * encoders (platform functions where one exists).
 */
export const encoders: Record<string, (value: string) => string> = {
  raw: (value) => value,
  'JSON.stringify': jsonInner,
  'JSON with \\/': (value) => jsonInner(value).replaceAll('/', '\\/'),
  'JSON, controls as \\u00XX': (value) => value.replace(/[\0-\x1f"\\]/g, (char) => (char === '"' || char === '\\' ? `\\${char}` : hex4(char))),
  'JSON, ASCII only (Python)': (value) => jsonInner(value).replace(/[^\x20-\x7e]/g, hex4),
  'JSON, HTML-safe (Go)': (value) => jsonInner(value).replace(/[<>&\u2028\u2029]/g, hex4),
  encodeURIComponent: (value) => encodeURIComponent(value),
  encodeURI: (value) => encodeURI(value),
  URLSearchParams: (value) => new URLSearchParams({ v: value }).toString().slice(2),
  'HTML (&#39;)': (value) => value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!),
  'HTML (&#x27;)': (value) => value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[char]!),
  hex: (value) => Buffer.from(value).toString('hex'),
  HEX: (value) => Buffer.from(value).toString('hex').toUpperCase(),
};

/**
 * The characters of a base64 (or base64url) encoding of a byte stream holding a value's `length`
 * bytes at byte `offset` that are determined by the value's bytes alone: character p carries bits
 * [6p, 6p + 6) of the stream.
 */
export function base64CharactersOfValue(encoded: string, offset: number, length: number): string {
  let first = -1;
  let last = -1;
  for (let p = 0; p < encoded.length; p++) {
    if (6 * p >= 8 * offset && 6 * p + 6 <= 8 * (offset + length)) {
      if (first === -1) first = p;
      last = p;
    }
  }
  return encoded.slice(first, last + 1);
}

/**
 * A deliberately naive redactor to compare with: every occurrence of every variant found by
 * indexOf, overlapping occurrences merged, each merged stretch named after its leftmost, then
 * longest, then first-listed secret's match.
 */
const variantsCache = new Map<string, string[]>();
const cachedVariants = (value: string): string[] => variantsCache.get(value) ?? variantsCache.set(value, secretVariants(value)).get(value)!;

/** Every occurrence of every variant, overlapping ones merged, each stretch named after its leftmost, then longest, then first-listed secret's match. */
function naiveRegions(text: string, secrets: readonly MaskableSecret[]): { start: number; end: number; owner: number }[] {
  const matches: { start: number; end: number; owner: number }[] = [];
  secrets.forEach((secret, owner) => {
    for (const variant of cachedVariants(secret.value)) {
      for (let at = text.indexOf(variant); at !== -1; at = text.indexOf(variant, at + 1)) matches.push({ start: at, end: at + variant.length, owner });
    }
  });
  matches.sort((a, b) => a.start - b.start || b.end - a.end || a.owner - b.owner);
  const regions: { start: number; end: number; owner: number }[] = [];
  for (let index = 0; index < matches.length;) {
    const first = matches[index]!;
    let end = first.end;
    for (index++; index < matches.length && matches[index]!.start < end; index++) end = Math.max(end, matches[index]!.end);
    regions.push({ start: first.start, end, owner: first.owner });
  }
  return regions;
}

export function naiveRedact(text: string, secrets: readonly MaskableSecret[]): string {
  let out = '';
  let position = 0;
  for (const region of naiveRegions(text, secrets)) {
    out += text.slice(position, region.start) + maskFor(secrets[region.owner]!.name);
    position = region.end;
  }
  return out + text.slice(position);
}

/**
 * The first `cut` code units of `text`, redacted naively, as a cut must show them: a secret that
 * straddles the cut (seen in the text after it) is masked whole, and nothing past the cut is shown.
 */
export function naiveRedactPrefix(text: string, cut: number, secrets: readonly MaskableSecret[]): string {
  let out = '';
  let position = 0;
  for (const region of naiveRegions(text, secrets)) {
    if (region.start >= cut) break;
    out += text.slice(position, region.start) + maskFor(secrets[region.owner]!.name);
    position = region.end;
  }
  return position >= cut ? out : out + text.slice(position, cut);
}

/** Splits text at random points (possibly empty pieces, possibly inside a surrogate pair). */
export const splitPoints = (text: string): fc.Arbitrary<string[]> =>
  fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }).map((points) => {
    const sorted = [0, ...points.sort((a, b) => a - b), text.length];
    return sorted.slice(1).map((end, index) => text.slice(sorted[index], end));
  });
