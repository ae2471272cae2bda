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
/** Characters each library URL encoder leaves as they are (it encodes everything else). */
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

const escapeClass = (chars: string): string => chars.replace(/[\\\]^-]/g, '\\$&');

/**
 * The URL standard's percent-encode sets, as `new URL()` serializes each component: the
 * characters it encodes besides C0 controls and everything above '~'. The path set gained
 * '^' in 2024 (Node 20 still leaves it), so both spellings are listed.
 */
const WHATWG_QUERY = ' "#<>';
const WHATWG_ENCODE_SETS = {
  fragment: ' "<>`',
  query: WHATWG_QUERY,
  specialQuery: `${WHATWG_QUERY}'`,
  path: `${WHATWG_QUERY}?\`{}^`,
  pathBefore2024: `${WHATWG_QUERY}?\`{}`,
  userinfo: `${WHATWG_QUERY}?\`{}/:;=@[\\]^|`,
  component: `${WHATWG_QUERY}?\`{}/:;=@[\\]^|$%&+,`,
} as const;

/** Each URL encoder style, with the characters it percent-encodes. */
const URL_STYLES = [
  ...product({ safe: Object.values(URL_SAFE_SETS), spaceAsPlus: [false, true], upperHex: [true, false] }).map((style) => ({
    spaceAsPlus: style.spaceAsPlus,
    upperHex: style.upperHex,
    escaped: new RegExp(`[^${escapeClass(style.safe)}]`, 'g'),
  })),
  ...product({ encodes: Object.values(WHATWG_ENCODE_SETS), upperHex: [true, false] }).map((style) => ({
    spaceAsPlus: false,
    upperHex: style.upperHex,
    escaped: new RegExp(`[\\0-\\x1f\\x7f-\\xff${escapeClass(style.encodes)}]`, 'g'),
  })),
];

/** Percent-encoded by the common URL encoders and by the URL standard's serializer, with space as %20 or '+', and upper or lower hex. */
export function urlForms(bytes: Buffer): string[] {
  const latin1 = bytes.toString('latin1');
  return URL_STYLES.map((style) => latin1.replace(style.escaped, (char) => (char === ' ' && style.spaceAsPlus ? '+' : `%${hexOf(char.charCodeAt(0), 2, style.upperHex)}`)));
}

const HTML_STYLES = product({ quote: ['"', '&quot;', '&#34;'], apostrophe: ["'", '&#39;', '&#x27;', '&apos;'] });
const HTML_ALWAYS_ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** HTML-escaped: &amp; &lt; &gt; always; quotes raw or as &quot; / &#34;, apostrophes raw or as &#39; / &#x27; / &apos;. */
export function htmlForms(text: string): string[] {
  return HTML_STYLES.map(({ quote, apostrophe }) => text.replace(/[&<>"']/g, (char) => HTML_ALWAYS_ESCAPED[char] ?? (char === '"' ? quote : apostrophe)));
}

/**
 * Every character as an HTML numeric character reference (decimal, hex in either case, as
 * e-mail obfuscators and OWASP-style encoders write them), and non-ASCII only as references
 * with the usual escapes (Python's xmlcharrefreplace).
 */
export function htmlNumericForms(text: string): string[] {
  const chars = [...text];
  const decimal = (char: string) => `&#${char.codePointAt(0)};`;
  const hex = (char: string, upper: boolean) => `&#x${hexOf(char.codePointAt(0)!, 1, upper)};`;
  const nonAscii = (reference: (char: string) => string) => chars.map((char) => (char.codePointAt(0)! > 0x7e ? reference(char) : (HTML_ALWAYS_ESCAPED[char] ?? char))).join('');
  return [
    chars.map(decimal).join(''),
    chars.map((char) => hex(char, false)).join(''),
    chars.map((char) => hex(char, true)).join(''),
    nonAscii(decimal),
    nonAscii((char) => hex(char, false)),
  ];
}

/** Characters Ruby's Shellwords.escape and bash's printf %q leave unescaped. */
const SHELL_SAFE = /[A-Za-z0-9_\-.,:+\/@%=]/;

/**
 * The text as shells and string literals quote it: inside single quotes with ' written as
 * '\'' or '"'"' (POSIX shells, Python's shlex.quote), ' doubled (SQL, YAML, PowerShell),
 * " doubled (CSV), inside double quotes with \ " $ ` backslash-escaped, " alone
 * backslash-escaped, and every unsafe character backslash-escaped (printf %q, Shellwords).
 */
export function quotedForms(text: string): string[] {
  return [
    text.replaceAll("'", "'\\''"),
    text.replaceAll("'", `'"'"'`),
    text.replaceAll("'", "''"),
    text.replaceAll('"', '""'),
    text.replace(/["\\$`]/g, (char) => `\\${char}`),
    text.replaceAll('"', '\\"'),
    [...text].map((char) => (SHELL_SAFE.test(char) || char.codePointAt(0)! > 0x7f ? char : `\\${char}`)).join(''),
  ];
}

/**
 * UTF-16 (LE and BE) bytes read as a single-byte text: what a body whose charset was
 * misdeclared turns into (a NUL beside each ASCII character).
 */
export function utf16AsBytesForms(text: string): string[] {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  return [le.toString('latin1'), be.toString('latin1')];
}

/** Line widths base64 encoders wrap at: openssl and PEM (64), coreutils and MIME (76). */
export const BASE64_WRAP_WIDTHS = [64, 76] as const;

/** The value's base64 wrapped at each width (without padding), as lists of lines. */
export function wrappedBase64Lines(bytes: Buffer): string[][] {
  const whole = bytes.toString('base64').replace(/=+$/, '');
  return BASE64_WRAP_WIDTHS.filter((width) => whole.length > width).map((width) => whole.match(new RegExp(`.{1,${width}}`, 'gs'))!);
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
