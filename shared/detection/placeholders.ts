/**
 * What keeps false positives rare in the contextual rules: a value in a credential
 * position counts only when it is long enough to be a credential and is not a stand-in
 * for one. Pattern rules (a distinctive prefix such as ghp_ or sk_live_) don't need this.
 */
import { MIN_MASKABLE_LENGTH } from '../model/secret';

/** Words that docs, examples and generated samples put where a credential goes. */
const PLACEHOLDER_WORDS =
  /(?:your|example|sample|placeholder|redacted|changeme|change_me|dummy|insert|replace|xxxx|\*\*\*\*|\.\.\.|<|>|undefined|null|string|secret_here|token_here|key_here)/i;

/** Template and shell syntax: {{var}}, ${VAR}, $VAR, %VAR%, :param, [value]. */
const TEMPLATE_SYNTAX = /^(?:\{\{[^}]*\}\}|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|:[A-Za-z_][A-Za-z0-9_]*|\[[^\]]*\])$/;

export function isPlaceholder(raw: string): boolean {
  const value = raw.trim();
  if (value.length < MIN_MASKABLE_LENGTH) return true;
  if (TEMPLATE_SYNTAX.test(value) || value.includes('{{') || value.includes('${')) return true;
  if (PLACEHOLDER_WORDS.test(value)) return true;
  // One character repeated (xxxxxxxx, 00000000), or a constant's name (ACCESS_TOKEN, API_KEY).
  if (/^(.)\1*$/.test(value)) return true;
  // The words themselves, as demo collections and docs fill credential fields.
  if (/^(?:password|passw0rd|secret|token|apikey|api_key|api-key|changeme|letmein|default|test(?:ing)?)\d{0,4}$/i.test(value)) return true;
  if (/^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+$/.test(value)) return true;
  return false;
}

function entropyPerCharacter(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * For names that only sometimes hold a credential (token, key, *_KEY): the value must look
 * machine-made — 16+ characters, no spaces, two kinds of character and about as varied as a
 * random string (so words, sort keys and ids like "created_at" stay out).
 */
export function looksRandom(raw: string): boolean {
  const value = raw.trim();
  if (value.length < 16 || /\s/.test(value) || isPlaceholder(value)) return false;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((kind) => kind.test(value)).length;
  if (kinds < 2) return false;
  // UUIDs are identifiers, not credentials.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
  return entropyPerCharacter(value) >= 3.5;
}
