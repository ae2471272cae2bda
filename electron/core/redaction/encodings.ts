/**
 * The encoded forms a piece of text commonly takes in a run's output. Each function
 * returns every spelling in use by common libraries (duplicates are left to the caller).
 * Byte-level encodings work on the text's UTF-8 bytes.
 */

const hexOf = (code: number, digits: number, upper: boolean): string => {
  const hex = code.toString(16).padStart(digits, '0');
  return upper ? hex.toUpperCase() : hex;
};

/** Every combination of the options' values. */
function product<T extends Record<string, readonly unknown[]>>(options: T): { [K in keyof T]: T[K][number] }[] {
  return Object.entries(options).reduce<Record<string, unknown>[]>(
    (combos, [key, values]) => combos.flatMap((combo) => values.map((value) => ({ ...combo, [key]: value }))),
    [{}],
  ) as { [K in keyof T]: T[K][number] }[];
}

const SHORT_JSON_ESCAPES: Record<string, string> = { '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** Characters escaped as \uXXXX by "HTML-safe" JSON encoders: Go's encoding/json and Gson's default. */
const JSON_HTML_SAFE = { none: '', go: '<>&\u2028\u2029', gson: "<>&='" } as const;

/** Each JSON encoder style, with the characters it escapes (always '"', '\' and control characters). */
const JSON_STYLES = product({
  shortControls: [true, false],
  upperHex: [false, true],
  escapeSolidus: [false, true],
  htmlSafe: Object.values(JSON_HTML_SAFE),
  asciiOnly: [false, true],
}).map((style) => ({
  ...style,
  escaped: new RegExp(`["\\\\\\0-\\x1f${style.escapeSolidus ? '/' : ''}${style.htmlSafe}${style.asciiOnly ? '\\x7f-\\uffff' : ''}]`, 'g'),
}));

/**
 * As the text appears inside a JSON string literal: JSON.stringify's form, control characters as
 * \u00XX (lower or upper hex), '/' as '\/', HTML-safe escaping (Go, Gson) and printable-ASCII-only
 * output (Python's ensure_ascii).
 */
export function jsonStringForms(text: string): string[] {
  return JSON_STYLES.map((style) =>
    text.replace(style.escaped, (char) => {
      if (char === '"' || char === '\\' || char === '/') return `\\${char}`;
      return (style.shortControls && SHORT_JSON_ESCAPES[char]) || `\\u${hexOf(char.charCodeAt(0), 4, style.upperHex)}`;
    }),
  );
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Characters each URL encoder leaves as they are. */
const URL_SAFE_SETS = {
  /** encodeURIComponent */
  component: `${ALPHANUMERIC}-_.!~*'()`,
  /** encodeURI */
  uri: `${ALPHANUMERIC}-_.!~*'();,/?:@&=+$#`,
  /** application/x-www-form-urlencoded (URLSearchParams, Java's URLEncoder) */
  form: `${ALPHANUMERIC}*-._`,
  /** RFC 3986 unreserved (Python's quote(safe=''), Go's QueryEscape) */
  unreserved: `${ALPHANUMERIC}-._~`,
  /** Python's quote() default */
  unreservedAndSlash: `${ALPHANUMERIC}-._~/`,
} as const;

/** Each URL encoder style, with the characters it percent-encodes (all but its safe set). */
const URL_STYLES = product({ safe: Object.values(URL_SAFE_SETS), spaceAsPlus: [false, true], upperHex: [true, false] }).map((style) => ({
  ...style,
  escaped: new RegExp(`[^${style.safe.replace(/[\\\]^-]/g, '\\$&')}]`, 'g'),
}));

/** Percent-encoded by the common URL encoders, with space as %20 or '+', and upper or lower hex. */
export function urlForms(bytes: Buffer): string[] {
  const latin1 = bytes.toString('latin1');
  return URL_STYLES.map((style) =>
    latin1.replace(style.escaped, (char) => (char === ' ' && style.spaceAsPlus ? '+' : `%${hexOf(char.charCodeAt(0), 2, style.upperHex)}`)),
  );
}

const HTML_STYLES = product({ quote: ['"', '&quot;', '&#34;'], apostrophe: ["'", '&#39;', '&#x27;', '&apos;'] });
const HTML_ALWAYS_ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** HTML-escaped: &amp; &lt; &gt; always; quotes raw or as &quot; / &#34;, apostrophes raw or as &#39; / &#x27; / &apos;. */
export function htmlForms(text: string): string[] {
  return HTML_STYLES.map(({ quote, apostrophe }) =>
    text.replace(/[&<>"']/g, (char) => HTML_ALWAYS_ESCAPED[char] ?? (char === '"' ? quote : apostrophe)),
  );
}

export function hexForms(bytes: Buffer): string[] {
  const hex = bytes.toString('hex');
  return [hex, hex.toUpperCase()];
}

/**
 * base64 and base64url without padding: the text encoded on its own, and, for the text at each
 * byte offset k (k mod 3 = 0, 1, 2) inside a longer encoded stream, the characters that depend
 * only on the text's bytes (the partly shared first and last characters dropped).
 */
export function base64Forms(bytes: Buffer): string[] {
  return (['base64', 'base64url'] as const).flatMap((encoding) => {
    const whole = bytes.toString(encoding).replace(/=+$/, '');
    const embedded = [0, 1, 2].map((offset) =>
      Buffer.concat([Buffer.alloc(offset), bytes])
        .toString(encoding)
        .slice(Math.ceil((offset * 4) / 3), Math.floor(((offset + bytes.length) * 4) / 3)),
    );
    return [whole, ...embedded];
  });
}
