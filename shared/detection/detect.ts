/**
 * Credential detection: secretlint's recommended rules everywhere, plus Keyflow's own
 * rules — a few more providers' formats, and credentials recognised by where they sit
 * (an Authorization header, an X-API-Key header, ?api_key=, a password field).
 *
 * Pure and synchronous: the renderer runs it on what is typed (nothing is sent anywhere),
 * main runs it on imports and scans. A detection is a range of the text and a rule id;
 * the text itself is never copied into anything a rule returns.
 */
import { isPlaceholder, looksRandom } from './placeholders';
import { secretlintMatches, type SecretlintMatch } from './secretlint';

/** Where a text sits, which decides the contextual rules that apply to it. */
export type FieldContext =
  | { kind: 'header'; name: string }
  | { kind: 'query' | 'form' | 'variable'; name: string }
  /** An imported variable's or .env entry's value (a Postman variable, a line of a .env file). */
  | { kind: 'entry'; name: string }
  /** A field that holds nothing but a credential: a bearer token, an API key value, a password. */
  | { kind: 'credential' }
  /** Free text: a URL, a body, code, a username. */
  | { kind: 'text' };

export interface Detection {
  ruleId: string;
  start: number;
  end: number;
}

const SECRETLINT_WITH_USERINFO = /basicauth|database-connection-string/;

/** Keyflow's pattern rules: formats with a prefix distinctive enough to report anywhere. */
const PATTERNS: { ruleId: string; pattern: RegExp }[] = [
  { ruleId: 'keyflow/stripe-live', pattern: /\b[sr]k_live_[0-9A-Za-z]{16,247}\b/g },
  { ruleId: 'keyflow/stripe-test', pattern: /\b[sr]k_test_[0-9A-Za-z]{16,247}\b/g },
  { ruleId: 'keyflow/stripe-webhook', pattern: /\bwhsec_[0-9A-Za-z]{24,}\b/g },
  { ruleId: 'keyflow/mailgun', pattern: /\bkey-[0-9a-f]{32}\b|\b[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}\b/g },
  { ruleId: 'keyflow/jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g },
];

/** Header names whose whole value is a credential. */
const KEY_HEADERS = new Set([
  'x-api-key',
  'api-key',
  'apikey',
  'x-apikey',
  'x-api-token',
  'api-token',
  'x-auth-token',
  'x-access-token',
  'x-token',
  'private-token',
  'x-goog-api-key',
  'ocp-apim-subscription-key',
  'x-functions-key',
  'x-client-secret',
  'x-secret',
  'x-postmark-server-token',
  'x-figma-token',
  'x-shopify-access-token',
  'x-vault-token',
  'x-consul-token',
]);

/** Parameter and variable names (normalised to snake_case) whose value is a credential whenever it isn't a placeholder. */
const CREDENTIAL_NAME =
  /(?:^|_)(?:password|passwd|passphrase|secret|client_secret|api_?key|access_token|refresh_token|auth_token|id_token|session_token|bearer_token|private_key|secret_key|access_key_secret|webhook_secret|signing_secret)$|(?:^|_)(?:token|secret|password)$/;
/** Names that hold a credential only sometimes (a "key" may be a sort key): the value must also look random. */
const MAYBE_CREDENTIAL_NAME = /(?:^|_)(?:key|auth|credential|credentials|sig|signature|access_key|access_key_id|client_id)$/;
/** Names that sound like credentials but are about them: counts, types, expiry, URLs. */
const NOT_CREDENTIAL_NAME =
  /(?:^|_)(?:type|types|count|expires?|expiry|expires_in|expires_at|ttl|url|uri|endpoint|name|names|id_type|length|hint|prefix|header|location|path|file|enabled|required|policy|format|page|next|cursor)$|^(?:token_type|grant_type|key_type|response_type)$/;

function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** Whether a name says its value is a credential (`apiKey`, `client_secret`): for a reference whose value isn't at hand. */
export function isCredentialName(name: string): boolean {
  const key = snakeCase(name);
  return key !== '' && !NOT_CREDENTIAL_NAME.test(key) && CREDENTIAL_NAME.test(key);
}

function randomRuns(text: string, out: Detection[]): void {
  for (const match of text.matchAll(/[A-Za-z0-9_+=.~-]{16,}/g)) {
    if (!/^[0-9a-f]+$/i.test(match[0]) && looksRandom(match[0])) out.push({ ruleId: 'keyflow/random-value', start: match.index, end: match.index + match[0].length });
  }
}

/** Whether the value under `name` is a credential, by the name and the value's look. */
function credentialByName(name: string, value: string): boolean {
  const key = snakeCase(name);
  if (key === '' || NOT_CREDENTIAL_NAME.test(key)) return false;
  if (CREDENTIAL_NAME.test(key)) return !isPlaceholder(value) && !/\s/.test(value.trim()) && !/^(?:true|false|\d+)$/i.test(value.trim());
  if (MAYBE_CREDENTIAL_NAME.test(key)) return looksRandom(value);
  return false;
}

/** The trimmed range of `text` from `start` to `end`. */
function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return [start, end];
}

function ruleForName(name: string): string {
  return /pass(?:word|wd|phrase)?$/.test(snakeCase(name)) ? 'keyflow/password' : 'keyflow/sensitive-name';
}

/** `Scheme credentials` as in an Authorization header, at `offset` of the text. */
function authorizationValue(text: string, start: number, end: number, out: Detection[]): void {
  const value = text.slice(start, end);
  const scheme = /^(\s*)(Bearer|Token|Basic|Bot|OAuth|JWT|Key|SSWS|Splunk|GenieKey|Digest)\s+(\S+)\s*$/i.exec(value);
  if (scheme) {
    const credential = scheme[3]!;
    const at = start + scheme[1]!.length + scheme[2]!.length + value.slice(scheme[1]!.length + scheme[2]!.length).search(/\S/);
    if (isPlaceholder(credential)) return;
    const kind = scheme[2]!.toLowerCase();
    if (kind === 'basic') {
      if (!isBasicCredentials(credential)) return;
      out.push({ ruleId: 'keyflow/basic', start: at, end: at + credential.length });
    } else if (kind !== 'digest') {
      out.push({ ruleId: kind === 'bearer' ? 'keyflow/bearer' : 'keyflow/authorization', start: at, end: at + credential.length });
    }
    return;
  }
  const [from, to] = trimmed(text, start, end);
  const whole = text.slice(from, to);
  if (!/\s/.test(whole) && !isPlaceholder(whole)) out.push({ ruleId: 'keyflow/authorization', start: from, end: to });
}

/** Base64 of "user:password" (what a Basic Authorization header carries). */
function isBasicCredentials(encoded: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return false;
  try {
    const decoded = atob(encoded);
    return /^[\x20-\x7e]+:[\x20-\x7e]+$/.test(decoded);
  } catch {
    return false;
  }
}

// In free text (a body, code): `"name": "value"`, `name = 'value'`, `name=value&` — and Authorization lines.
const ASSIGNMENT = /(["'`]?)([A-Za-z_][A-Za-z0-9_.-]{1,60})\1\s*[:=]\s*(?:(["'`])((?:(?!\3)[^\\\n]|\\.){1,4096})\3|([^\s&"'`,;)}\]]{8,4096}))/g;
const AUTHORIZATION_LINE = /\b(?:proxy-)?authorization["'`]?\s*[:=]\s*["'`]?((?:Bearer|Token|Basic|Bot)\s+[A-Za-z0-9._~+/=-]+)/gi;

function textRules(text: string, out: Detection[]): void {
  for (const match of text.matchAll(AUTHORIZATION_LINE)) {
    const start = match.index + match[0].length - match[1]!.length;
    authorizationValue(text, start, start + match[1]!.length, out);
  }
  for (const match of text.matchAll(ASSIGNMENT)) {
    const name = match[2]!;
    const value = match[4] ?? match[5]!;
    // Unquoted, a member path or a call is code reading a value (`token: input.token`), not a literal.
    if (match[5] !== undefined && (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value) || value.includes('('))) continue;
    if (!credentialByName(name, value)) continue;
    const start = match.index + match[0].length - value.length - (match[4] !== undefined ? 1 : 0);
    out.push({ ruleId: ruleForName(name), start, end: start + value.length });
  }
}

// Query parameters of a URL: ?api_key=…&token=…
const QUERY_PARAMETER = /[?&]([^=&#\s]{1,100})=([^&#\s]*)/g;

function queryRules(text: string, out: Detection[]): void {
  for (const match of text.matchAll(QUERY_PARAMETER)) {
    let name = match[1]!;
    try {
      name = decodeURIComponent(name);
    } catch {
      // a malformed escape: keep the name as written
    }
    const value = match[2]!;
    if (!credentialByName(name, value)) continue;
    const start = match.index + match[0].length - value.length;
    out.push({ ruleId: ruleForName(name), start, end: start + value.length });
  }
}

function contextRules(text: string, context: FieldContext, out: Detection[]): void {
  switch (context.kind) {
    case 'header': {
      const name = context.name.trim().toLowerCase();
      if (name === 'authorization' || name === 'proxy-authorization') authorizationValue(text, 0, text.length, out);
      else if (KEY_HEADERS.has(name)) {
        const [start, end] = trimmed(text, 0, text.length);
        if (!isPlaceholder(text.slice(start, end))) out.push({ ruleId: 'keyflow/api-key-header', start, end });
      } else if (name === 'cookie') textRules(text.replace(/;/g, '&'), out);
      else if (credentialByName(context.name, text)) out.push({ ruleId: ruleForName(context.name), ...range(text) });
      return;
    }
    case 'query':
    case 'form':
      if (credentialByName(context.name, text)) out.push({ ruleId: ruleForName(context.name), ...range(text) });
      else textRules(text, out);
      return;
    case 'variable':
      if (credentialByName(context.name, text)) out.push({ ruleId: ruleForName(context.name), ...range(text) });
      else textRules(text, out);
      return;
    case 'entry':
      if (credentialByName(context.name, text)) out.push({ ruleId: ruleForName(context.name), ...range(text) });
      else {
        textRules(text, out);
        // In an imported variable's or .env entry's value, a run that looks machine-made is a secret far more
        // often than not, whatever the name — a token run into other characters that no format rule matches
        // any more too. Hex digests and names that say otherwise (…_url, …_id) stay out.
        if (!NOT_CREDENTIAL_NAME.test(snakeCase(context.name))) randomRuns(text, out);
      }
      return;
    case 'credential': {
      const { start, end } = range(text);
      if (!isPlaceholder(text.slice(start, end))) out.push({ ruleId: 'keyflow/credential-field', start, end });
      return;
    }
    case 'text':
      queryRules(text, out);
      textRules(text, out);
      return;
  }
}

function range(text: string): { start: number; end: number } {
  const [start, end] = trimmed(text, 0, text.length);
  return { start, end };
}

/** The password of `scheme://user:password@host` inside a secretlint match of a URL or connection string. */
function passwordOf(text: string, start: number, end: number): [number, number] | null {
  const userinfo = /:\/\/[^:/@\s]*:([^@/\s]+)@/.exec(text.slice(start, end));
  if (!userinfo) return null;
  const at = start + userinfo.index + userinfo[0].length - 1 - userinfo[1]!.length;
  return [at, at + userinfo[1]!.length];
}

/**
 * Every credential in `text`, earliest first. Overlapping finds are merged, keeping the
 * most specific rule (a known format before a context rule) and the widest range.
 */
export function detectCredentials(text: string, context: FieldContext): Detection[] {
  return detectInTexts([{ text, context }])[0]!;
}

// Between texts checked together: no rule's pattern spans a NUL.
const SEPARATOR = '\n\u0000\n';

/**
 * The same for many texts at once (a step's fields): secretlint's rules run once over all
 * of them — most of their cost is per call — and each match goes back to its own text.
 */
export function detectInTexts(items: readonly { text: string; context: FieldContext }[]): Detection[][] {
  const joined = items.map((item) => item.text).join(SEPARATOR);
  const starts: number[] = [];
  let offset = 0;
  for (const item of items) {
    starts.push(offset);
    offset += item.text.length + SEPARATOR.length;
  }
  const shared = joined.length < 8 ? [] : secretlintMatches(joined);
  return items.map((item, index) => {
    if (item.text.length < 8) return [];
    const start = starts[index]!;
    const own = shared
      .filter((match) => match.start >= start && match.end <= start + item.text.length)
      .map((match) => ({ ...match, start: match.start - start, end: match.end - start }));
    return detectWithMatches(item.text, item.context, own);
  });
}

function detectWithMatches(text: string, context: FieldContext, matches: readonly SecretlintMatch[]): Detection[] {
  const specific: Detection[] = [];
  for (const match of matches) {
    if (match.ruleId.endsWith(':AWSSecretAccessKey')) {
      // secretlint reports this one from the start of `aws_secret_access_key=` with the key's length: find the key itself.
      const key = /[:=]\s*["']?([A-Za-z0-9/+=]{40})/.exec(text.slice(match.start));
      if (key) specific.push({ ruleId: match.ruleId, start: match.start + key.index + key[0].length - 40, end: match.start + key.index + key[0].length });
    } else if (SECRETLINT_WITH_USERINFO.test(match.ruleId)) {
      const password = passwordOf(text, match.start, match.end);
      if (password && !isPlaceholder(text.slice(...password))) specific.push({ ruleId: match.ruleId, start: password[0], end: password[1] });
    } else specific.push(match);
  }
  for (const { ruleId, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) specific.push({ ruleId, start: match.index, end: match.index + match[0].length });
  }
  const contextual: Detection[] = [];
  contextRules(text, context, contextual);
  // Docs print stand-ins in a provider's format too ("xoxb-your-token").
  return merge([...specific.filter((found) => !isPlaceholder(text.slice(found.start, found.end))), ...contextual]);
}

function merge(found: Detection[]): Detection[] {
  const kept: Detection[] = [];
  // Specific finds come first in `found`; a later find overlapping a kept one widens it but keeps its rule.
  for (const detection of found) {
    if (detection.end <= detection.start) continue;
    const overlapping = kept.find((other) => detection.start < other.end && other.start < detection.end);
    if (overlapping) {
      overlapping.start = Math.min(overlapping.start, detection.start);
      overlapping.end = Math.max(overlapping.end, detection.end);
    } else kept.push({ ...detection });
  }
  return kept.sort((a, b) => a.start - b.start);
}
