/**
 * The standard helpers of a Run Code step, evaluated inside QuickJS only when the code first
 * touches one of them (guest-prelude.ts defines each as a getter that loads them): most
 * steps never use them, and evaluating them costs each run about as much as the rest of
 * its set-up. Self-contained, like the prelude: the worker evaluates this function's source.
 *
 * `atob`/`btoa`; `TextEncoder`/`TextDecoder` (UTF-8); `URL`/`URLSearchParams`, parsed and
 * set by the worker's URL standard implementation; `crypto` (`randomUUID`,
 * `getRandomValues`, `subtle.digest` SHA-1/256/384/512, HMAC `importKey`/`sign`/`verify`)
 * computed by the worker's node:crypto.
 */
import type { GuestHost } from './guest-prelude';

export type HelperHost = Pick<GuestHost, 'parseUrl' | 'setUrl' | 'randomBytes' | 'randomUUID' | 'hash'>;

/** The names the prelude makes lazy globals of. */
export const HELPER_NAMES = ['atob', 'btoa', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'crypto'] as const;

export function guestHelpers(host: HelperHost, parse: (text: string) => unknown): Record<(typeof HELPER_NAMES)[number], unknown> {
  const fromCharCode = String.fromCharCode;

  // --- bytes ------------------------------------------------------------------------

  function bytesOf(data: unknown, what: string): Uint8Array {
    if (data instanceof Uint8Array) return data;
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new TypeError(`${what}: expected an ArrayBuffer, a TypedArray or a DataView`);
  }

  function latin1Of(bytes: Uint8Array): string {
    let text = '';
    for (let at = 0; at < bytes.length; at += 8192) text += fromCharCode(...bytes.subarray(at, at + 8192));
    return text;
  }

  function bytesOfLatin1(text: string): Uint8Array {
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  function invalidCharacter(message: string): Error {
    const error = new Error(message);
    error.name = 'InvalidCharacterError';
    return error;
  }

  function btoa(data: unknown): string {
    const text = String(data);
    let out = '';
    for (let i = 0; i < text.length; i += 3) {
      const a = text.charCodeAt(i);
      const b = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
      const c = i + 2 < text.length ? text.charCodeAt(i + 2) : -1;
      if (a > 255 || b > 255 || c > 255) throw invalidCharacter('btoa: the string contains characters outside of the Latin1 range');
      out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)]!;
      out += b < 0 ? '=' : BASE64[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)]!;
      out += c < 0 ? '=' : BASE64[c & 63]!;
    }
    return out;
  }

  function atob(data: unknown): string {
    let text = String(data).replace(/[\t\n\f\r ]/g, '');
    if (text.length % 4 === 0) text = text.replace(/={1,2}$/, '');
    if (text.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(text)) throw invalidCharacter('atob: the string is not correctly encoded');
    let out = '';
    let bits = 0;
    let buffer = 0;
    for (let i = 0; i < text.length; i++) {
      buffer = (buffer << 6) | BASE64.indexOf(text[i]!);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += fromCharCode((buffer >> bits) & 255);
      }
    }
    return out;
  }

  class TextEncoder {
    get encoding(): string {
      return 'utf-8';
    }
    encode(input: unknown = ''): Uint8Array {
      return bytesOfLatin1(unescape(encodeURIComponent(String(input).toWellFormed())));
    }
    encodeInto(input: unknown, destination: Uint8Array): { read: number; written: number } {
      let read = 0;
      let written = 0;
      for (const char of String(input).toWellFormed()) {
        const bytes = this.encode(char);
        if (written + bytes.length > destination.length) break;
        destination.set(bytes, written);
        written += bytes.length;
        read += char.length;
      }
      return { read, written };
    }
  }

  class TextDecoder {
    readonly fatal: boolean;
    readonly ignoreBOM: boolean;
    constructor(label: unknown = 'utf-8', options: { fatal?: unknown; ignoreBOM?: unknown } = {}) {
      if (!/^\s*(utf-?8|unicode-1-1-utf-8)\s*$/i.test(String(label))) throw new RangeError(`TextDecoder: only utf-8 is supported here, not "${String(label)}"`);
      this.fatal = Boolean(options.fatal);
      this.ignoreBOM = Boolean(options.ignoreBOM);
    }
    get encoding(): string {
      return 'utf-8';
    }
    decode(input?: unknown): string {
      if (input === undefined) return '';
      const bytes = bytesOf(input, 'TextDecoder.decode');
      let out = '';
      let at = !this.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      while (at < bytes.length) {
        const first = bytes[at]!;
        const length = first < 0x80 ? 1 : first >= 0xc2 && first < 0xe0 ? 2 : first >= 0xe0 && first < 0xf0 ? 3 : first >= 0xf0 && first < 0xf5 ? 4 : 0;
        let code = length === 1 ? first : length === 2 ? first & 0x1f : length === 3 ? first & 0x0f : first & 0x07;
        let valid = length > 0 && at + length <= bytes.length;
        for (let k = 1; valid && k < length; k++) {
          const next = bytes[at + k]!;
          if ((next & 0xc0) !== 0x80) valid = false;
          code = (code << 6) | (next & 0x3f);
        }
        if (valid && ((length === 3 && (code < 0x800 || (code >= 0xd800 && code <= 0xdfff))) || (length === 4 && (code < 0x10000 || code > 0x10ffff)))) valid = false;
        if (!valid) {
          if (this.fatal) throw new TypeError('TextDecoder: the data is not valid UTF-8');
          out += '\ufffd';
          at++;
          continue;
        }
        out += String.fromCodePoint(code);
        at += length;
      }
      return out;
    }
  }

  // --- URL ----------------------------------------------------------------------------

  const URL_PARTS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'] as const;
  type UrlParts = Record<(typeof URL_PARTS)[number], string>;

  function urlParts(answer: string): UrlParts {
    const parsed = parse(answer) as UrlParts & { error?: string };
    if (parsed.error !== undefined) throw new TypeError(parsed.error);
    return parsed;
  }

  function formEncode(text: string): string {
    return encodeURIComponent(text.toWellFormed())
      .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+');
  }

  function formDecode(text: string): string {
    const spaced = text.replace(/\+/g, ' ');
    try {
      return decodeURIComponent(spaced);
    } catch {
      // Malformed escapes stay as written, as the URL standard's percent-decode leaves them.
      return spaced.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
        try {
          return decodeURIComponent(run);
        } catch {
          return run;
        }
      });
    }
  }

  class URLSearchParams {
    private list: [string, string][] = [];
    private onChange: (() => void) | null = null;

    constructor(init: unknown = '') {
      if (typeof init === 'string') this.parse(init);
      else if (init instanceof URLSearchParams) this.list = init.list.map(([k, v]) => [k, v]);
      else if (init !== null && typeof init === 'object') {
        const iterator = (init as { [Symbol.iterator]?: unknown })[Symbol.iterator];
        const pairs = typeof iterator === 'function' ? [...(init as Iterable<unknown>)] : Object.entries(init);
        for (const pair of pairs) {
          const items = [...(pair as Iterable<unknown>)];
          if (items.length !== 2) throw new TypeError('URLSearchParams: each pair must have exactly two items');
          this.list.push([String(items[0]), String(items[1])]);
        }
      } else if (init !== undefined) this.parse(String(init));
    }

    /** Params linked to their URL: a change here updates its query. */
    static linked(query: string, setQuery: (query: string) => void): URLSearchParams {
      const params = new URLSearchParams(query);
      params.onChange = () => setQuery(params.toString());
      return params;
    }

    /** Replaces the list from a query string (the URL changed). */
    reset(query: string): void {
      this.list = [];
      this.parse(query);
    }

    private parse(query: string): void {
      for (const piece of query.replace(/^\?/, '').split('&')) {
        if (piece === '') continue;
        const at = piece.indexOf('=');
        this.list.push(at === -1 ? [formDecode(piece), ''] : [formDecode(piece.slice(0, at)), formDecode(piece.slice(at + 1))]);
      }
    }

    private changed(): void {
      this.onChange?.();
    }

    get size(): number {
      return this.list.length;
    }
    append(name: unknown, value: unknown): void {
      this.list.push([String(name), String(value)]);
      this.changed();
    }
    delete(name: unknown, value?: unknown): void {
      this.list = this.list.filter(([k, v]) => k !== String(name) || (value !== undefined && v !== String(value)));
      this.changed();
    }
    get(name: unknown): string | null {
      return this.list.find(([k]) => k === String(name))?.[1] ?? null;
    }
    getAll(name: unknown): string[] {
      return this.list.filter(([k]) => k === String(name)).map(([, v]) => v);
    }
    has(name: unknown, value?: unknown): boolean {
      return this.list.some(([k, v]) => k === String(name) && (value === undefined || v === String(value)));
    }
    set(name: unknown, value: unknown): void {
      const key = String(name);
      const at = this.list.findIndex(([k]) => k === key);
      if (at === -1) this.list.push([key, String(value)]);
      else {
        this.list[at] = [key, String(value)];
        this.list = this.list.filter(([k], index) => k !== key || index === at);
      }
      this.changed();
    }
    sort(): void {
      this.list = this.list
        .map((pair, index) => ({ pair, index }))
        .sort((a, b) => (a.pair[0] < b.pair[0] ? -1 : a.pair[0] > b.pair[0] ? 1 : a.index - b.index))
        .map(({ pair }) => pair);
      this.changed();
    }
    forEach(callback: (value: string, name: string, params: URLSearchParams) => void): void {
      for (const [k, v] of [...this.list]) callback(v, k, this);
    }
    entries(): IterableIterator<[string, string]> {
      return this.list.map(([k, v]): [string, string] => [k, v])[Symbol.iterator]();
    }
    keys(): IterableIterator<string> {
      return this.list.map(([k]) => k)[Symbol.iterator]();
    }
    values(): IterableIterator<string> {
      return this.list.map(([, v]) => v)[Symbol.iterator]();
    }
    [Symbol.iterator](): IterableIterator<[string, string]> {
      return this.entries();
    }
    toString(): string {
      return this.list.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join('&');
    }
  }

  class URL {
    private parts: UrlParts;
    private params: URLSearchParams | null = null;

    constructor(input: unknown, base?: unknown) {
      this.parts = urlParts(host.parseUrl(String(input), base === undefined ? undefined : String(base)));
    }

    static canParse(input: unknown, base?: unknown): boolean {
      try {
        new URL(input, base);
        return true;
      } catch {
        return false;
      }
    }

    static parse(input: unknown, base?: unknown): URL | null {
      try {
        return new URL(input, base);
      } catch {
        return null;
      }
    }

    private set(component: string, value: unknown): void {
      this.parts = urlParts(host.setUrl(this.parts.href, component, String(value)));
      this.params?.reset(this.parts.search);
    }

    get searchParams(): URLSearchParams {
      this.params ??= URLSearchParams.linked(this.parts.search, (query) => {
        this.parts = urlParts(host.setUrl(this.parts.href, 'search', query));
      });
      return this.params;
    }

    toString(): string {
      return this.parts.href;
    }
    toJSON(): string {
      return this.parts.href;
    }
  }
  for (const part of URL_PARTS) {
    Object.defineProperty(URL.prototype, part, {
      get(this: URL) {
        return (this as unknown as { parts: UrlParts }).parts[part];
      },
      set:
        part === 'origin'
          ? undefined
          : function (this: URL, value: unknown) {
              (this as unknown as { set(component: string, value: unknown): void }).set(part, value);
            },
      enumerable: true,
      configurable: true,
    });
  }

  // --- crypto -------------------------------------------------------------------------

  const DIGESTS: Record<string, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
  function digestName(algorithm: unknown): string {
    const name = typeof algorithm === 'string' ? algorithm : (algorithm as { name?: unknown } | null)?.name;
    const found = DIGESTS[String(name).toUpperCase()];
    if (!found) throw new TypeError(`crypto.subtle: unsupported algorithm "${String(name)}" (SHA-1, SHA-256, SHA-384 and SHA-512 are)`);
    return found;
  }
  const keyMaterial = new WeakMap<object, { bytes: string; hash: string }>();
  const bufferOf = (bytes: Uint8Array): ArrayBuffer => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

  const subtle = {
    async digest(algorithm: unknown, data: unknown): Promise<ArrayBuffer> {
      return bufferOf(bytesOfLatin1(host.hash(digestName(algorithm), latin1Of(bytesOf(data, 'crypto.subtle.digest')), undefined)));
    },
    async importKey(format: unknown, keyData: unknown, algorithm: { name?: unknown; hash?: unknown }, extractable: unknown, usages: unknown): Promise<object> {
      if (format !== 'raw' || String(algorithm?.name).toUpperCase() !== 'HMAC') throw new TypeError('crypto.subtle.importKey: only raw HMAC keys are supported');
      const key = Object.freeze({
        type: 'secret',
        extractable: Boolean(extractable),
        algorithm: { name: 'HMAC', hash: { name: String((algorithm.hash as { name?: unknown })?.name ?? algorithm.hash) } },
        usages: [...(usages as string[])],
      });
      keyMaterial.set(key, { bytes: latin1Of(bytesOf(keyData, 'crypto.subtle.importKey')), hash: digestName(algorithm.hash) });
      return key;
    },
    async sign(_algorithm: unknown, key: object, data: unknown): Promise<ArrayBuffer> {
      const material = keyMaterial.get(key);
      if (!material) throw new TypeError('crypto.subtle.sign: the key was not made by crypto.subtle.importKey');
      return bufferOf(bytesOfLatin1(host.hash(material.hash, latin1Of(bytesOf(data, 'crypto.subtle.sign')), material.bytes)));
    },
    async verify(algorithm: unknown, key: object, signature: unknown, data: unknown): Promise<boolean> {
      const expected = latin1Of(new Uint8Array(await subtle.sign(algorithm, key, data)));
      return expected === latin1Of(bytesOf(signature, 'crypto.subtle.verify'));
    },
  };
  const crypto = {
    subtle,
    randomUUID: (): string => host.randomUUID(),
    getRandomValues<T extends ArrayBufferView>(array: T): T {
      const bytes = bytesOf(array, 'crypto.getRandomValues');
      if (bytes.length > 65536) throw new RangeError('crypto.getRandomValues: at most 65536 bytes at a time');
      bytes.set(bytesOfLatin1(host.randomBytes(bytes.length)));
      return array;
    },
  };

  return { atob, btoa, TextEncoder, TextDecoder, URL, URLSearchParams, crypto };
}
