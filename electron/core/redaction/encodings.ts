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

/**
 * As the text appears inside a JSON string literal: JSON.stringify's form, control characters as
 * \u00XX (lower or upper hex), '/' as '\/', HTML-safe escaping (Go, Gson) and printable-ASCII-only
 * output (Python's ensure_ascii).
 */
export function jsonStringForms(text: string): string[] {
  if (!/[\0-\x1f"\\/<>&='\x7f-\uffff]/.test(text)) return [text]; // nothing any style escapes
  const styles = product({
    shortControls: [true, false],
    upperHex: [false, true],
    escapeSolidus: [false, true],
    htmlSafe: Object.values(JSON_HTML_SAFE),
    asciiOnly: [false, true],
  });
  return styles.map((style) => {
    let out = '';
    for (let index = 0; index < text.length; index++) {
      const char = text.charAt(index);
      const code = text.charCodeAt(index);
      const unicodeEscape = (): string => `\\u${hexOf(code, 4, style.upperHex)}`;
      if (char === '"' || char === '\\') out += `\\${char}`;
      else if (code < 0x20) out += (style.shortControls && SHORT_JSON_ESCAPES[char]) || unicodeEscape();
      else if (char === '/' && style.escapeSolidus) out += '\\/';
      else if (style.htmlSafe.includes(char) || (style.asciiOnly && code > 0x7e)) out += unicodeEscape();
      else out += char;
    }
    return out;
  });
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

/** Percent-encoded by the common URL encoders, with space as %20 or '+', and upper or lower hex. */
export function urlForms(bytes: Buffer): string[] {
  const latin1 = bytes.toString('latin1');
  if (/^[A-Za-z0-9._-]*$/.test(latin1)) return [latin1]; // nothing any encoder escapes
  const styles = product({ safe: Object.values(URL_SAFE_SETS), spaceAsPlus: [false, true], upperHex: [true, false] });
  return styles.map(({ safe, spaceAsPlus, upperHex }) => {
    let out = '';
    for (const char of latin1) {
      const byte = char.charCodeAt(0);
      if (byte < 0x80 && safe.includes(char)) out += char;
      else if (char === ' ' && spaceAsPlus) out += '+';
      else out += `%${hexOf(byte, 2, upperHex)}`;
    }
    return out;
  });
}

/** HTML-escaped: &amp; &lt; &gt; always; quotes raw or as &quot; / &#34;, apostrophes raw or as &#39; / &#x27; / &apos;. */
export function htmlForms(text: string): string[] {
  const styles = product({ quote: ['"', '&quot;', '&#34;'], apostrophe: ["'", '&#39;', '&#x27;', '&apos;'] });
  const fixed: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
  return styles.map(({ quote, apostrophe }) =>
    text.replace(/[&<>"']/g, (char) => fixed[char] ?? (char === '"' ? quote : apostrophe)),
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
