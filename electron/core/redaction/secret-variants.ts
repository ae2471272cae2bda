/**
 * The forms a secret's value commonly takes once it leaves the vault: raw, and its
 * encodings. The run redactor masks all of them; the development tripwire looks for them.
 * What is too short to mask is a shared rule (the renderer warns with it at creation).
 */
import { base64Forms, hexForms, htmlForms, jsonStringForms, urlForms } from './encodings';
import { isTooShortToMask } from '../../../shared/model/secret';

export { MIN_MASKABLE_LENGTH } from '../../../shared/model/secret';

function encodedForms(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return [text, ...jsonStringForms(text), ...urlForms(bytes), ...htmlForms(text), ...hexForms(bytes), ...base64Forms(bytes)];
}

/** Every form of the value, and of each line of a multi-line value, that is long enough to mask. */
export function secretVariants(value: string): string[] {
  if (isTooShortToMask(value)) return [];
  const lines = value.split(/\r\n|\r|\n/);
  const parts = lines.length > 1 ? [value, ...lines.filter((line) => !isTooShortToMask(line))] : [value];
  const variants = new Set(parts.flatMap(encodedForms));
  return [...variants].filter((variant) => !isTooShortToMask(variant));
}
