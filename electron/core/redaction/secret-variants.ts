/**
 * The forms a secret's value commonly takes once it leaves the vault: raw, and its
 * encodings. The run redactor masks all of them; the development tripwire looks for them.
 * What is too short to mask is a shared rule (the renderer warns with it at creation).
 *
 * A value is looked for as written, trimmed, in each Unicode normalization form, and — when
 * it has several lines — re-joined with each line-break style or a space, line by line, and
 * each short line together with its neighbour (the short last line of a PEM key). Each of
 * those texts is looked for in every encoding of encodings.ts. Its base64 wrapped at 64 and
 * 76 columns is looked for whole and line by line, the same way.
 */
import { base64Forms, hexForms, htmlForms, htmlNumericForms, jsonStringForms, quotedForms, urlForms, utf16AsBytesForms, wrappedBase64Lines } from './encodings';
import { isTooShortToMask } from '../../../shared/model/secret';

export { MIN_MASKABLE_LENGTH } from '../../../shared/model/secret';

/** How a multi-line value may be printed: each line-break style, joined by spaces, or run together. */
const LINE_JOINS = ['\n', '\r\n', '\r', ' ', ''] as const;

/** Characters no escaping scheme changes: a text made only of them is its own JSON, URL, HTML and quoted form. */
export const UNCHANGED_BY_ESCAPING = /^[A-Za-z0-9._-]*$/;

/** The escaped spellings: JSON, URL, HTML and quoting (each equal to the text itself when it has nothing to escape). */
export function escapedForms(text: string): string[] {
  return [...jsonStringForms(text), ...urlForms(Buffer.from(text, 'utf8')), ...htmlForms(text), ...quotedForms(text)];
}

function encodedForms(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  // Most API keys have nothing to escape: skip the ~100 escapers that would each return the text.
  const escaped = UNCHANGED_BY_ESCAPING.test(text) ? [] : escapedForms(text);
  return [text, ...escaped, ...htmlNumericForms(text), ...utf16AsBytesForms(text), ...hexForms(bytes), ...base64Forms(bytes)];
}

/**
 * A text of several lines as it may be printed: whole with each join, each line long enough
 * on its own, and each short line with the line before (or, for the first, after) it.
 */
function lineForms(lines: readonly string[]): string[] {
  if (lines.length < 2) return [...lines];
  const forms: string[] = LINE_JOINS.map((join) => lines.join(join));
  lines.forEach((line, index) => {
    if (!isTooShortToMask(line)) {
      forms.push(line);
      return;
    }
    const neighbour = index > 0 ? [lines[index - 1]!, line] : [line, lines[index + 1]!];
    for (const join of LINE_JOINS) forms.push(neighbour.join(join));
  });
  return forms;
}

/** The value as written, trimmed and in every normalization form, each split into its lines. */
function textForms(value: string): string[] {
  const spellings = new Set([value, value.trim()].flatMap((text) => [text, text.normalize('NFC'), text.normalize('NFD'), text.normalize('NFKC'), text.normalize('NFKD')]));
  return [...spellings].flatMap((text) => {
    // A line break before the first line or after the last is not part of how the lines are joined.
    const lines = text.replace(/^(\r\n|\r|\n)+|(\r\n|\r|\n)+$/g, '').split(/\r\n|\r|\n/);
    return lines.length > 1 ? [text, ...lineForms(lines), ...lineForms(lines.map((line) => line.trim()).filter((line) => line !== ''))] : [text];
  });
}

/** Every form of the value that is long enough to mask. */
export function secretVariants(value: string): string[] {
  if (isTooShortToMask(value)) return [];
  const texts = new Set(textForms(value));
  const variants = new Set<string>();
  for (const text of texts) {
    if (isTooShortToMask(text)) continue;
    for (const form of encodedForms(text)) variants.add(form);
  }
  for (const wrapped of wrappedBase64Lines(Buffer.from(value, 'utf8'))) for (const form of lineForms(wrapped)) variants.add(form);
  return [...variants].filter((variant) => !isTooShortToMask(variant));
}
