/**
 * Property: a random value, piped through a random chain of the forms and transports a run
 * meets — an encoding the redactor knows, JSON string escapes of any spelling (undone by
 * parsing), a charset or byte order mark (undone by decoding), random chunking, a cut at a
 * random point — leaves nothing of the value in what a run keeps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/core/redaction/redactor';
import { bodyAsOutput, readResponseBody } from '../../../electron/core/runs/response-body';
import { secretVariants } from '../../../electron/core/redaction/secret-variants';
import { encoders, secretValue, surroundingText } from './support';

const NAME = 'Key';

/** The forms of finding 10 and the URL standard, computed independently of the redactor. */
const moreEncoders: Record<string, (value: string) => string> = {
  trimmedWithin: (value) => value.trim(),
  crlf: (value) => value.replace(/\r\n|\r|\n/g, '\r\n'),
  spaces: (value) => value.replace(/\r\n|\r|\n/g, ' '),
  base64Wrapped76: (value) => Buffer.from(value).toString('base64').replace(/.{76}/g, '$&\n'),
  base64Wrapped64Crlf: (value) => Buffer.from(value).toString('base64').replace(/.{64}/g, '$&\r\n'),
  htmlDecimal: (value) => [...value].map((c) => `&#${c.codePointAt(0)};`).join(''),
  shellSingle: (value) => value.replaceAll("'", "'\\''"),
  sqlDoubled: (value) => value.replaceAll("'", "''"),
  nfd: (value) => value.normalize('NFD'),
  urlUserinfo: (value) => {
    const url = new URL('https://h.example/');
    url.password = value;
    return url.password;
  },
  urlPath: (value) => new URL(`https://h.example/${value.replace(/[/?#\\%]/g, '')}`).pathname.slice(1),
  urlQuery: (value) => new URL(`https://h.example/?${value.replace(/[#&%]/g, '')}`).search.slice(1),
};
const allEncoders = { ...encoders, ...moreEncoders };

/** JSON string contents with some characters \u-escaped at random (decoded by JSON.parse). */
const jsonEscapedAtRandom = (text: string, mask: readonly boolean[]) =>
  [...JSON.stringify(text).slice(1, -1)]
    .map((char, i) => (mask[i % mask.length] && /[A-Za-z0-9]/.test(char) ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : char))
    .join('');

const CHARSETS = {
  'utf-8': (text: string) => Buffer.from(text, 'utf8'),
  'utf-8 with BOM': (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  'utf-16le': (text: string) => Buffer.from(text, 'utf16le'),
  'utf-16be': (text: string) => Buffer.from(text, 'utf16le').swap16(),
} as const;

async function* chunked(bytes: Buffer, sizes: readonly number[]): AsyncIterable<Buffer> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]!);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

describe('pipeline: nothing of a value survives a random chain of encodings', () => {
  it('through an encoding, JSON, a charset, chunking and a cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretValue.filter((value) => value.trim().length >= 8),
        fc.constantFrom(...Object.keys(allEncoders)),
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...(Object.keys(CHARSETS) as (keyof typeof CHARSETS)[])),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }),
        surroundingText,
        fc.option(fc.integer({ min: 0, max: 400 })),
        async (value, encoding, inJson, escapes, charset, sizes, around, cut) => {
          const redactor = new Redactor([{ name: NAME, value }]);
          const printed = allEncoders[encoding]!(value);
          const text = inJson ? `{"a":"${jsonEscapedAtRandom(around, escapes)}","v":"${jsonEscapedAtRandom(printed, escapes)}"}` : `${around}${printed}${around}`;
          const bytes = CHARSETS[charset](text);
          const cap = cut === null ? bytes.length + 10 : Math.min(cut, bytes.length + 10);
          const type = `${inJson ? 'application/json' : 'text/plain'}; charset=${charset.startsWith('utf-16') ? charset : 'utf-8'}`;
          const kept = await readResponseBody(chunked(bytes, sizes), type, cap, redactor);
          const output = bodyAsOutput(kept.body, [['content-type', type]], kept.truncated, redactor);
          const stored = JSON.stringify({ body: kept.body, output });
          for (const variant of secretVariants(value)) expect(stored).not.toContain(variant);
          if (inJson && !kept.truncated) expect(JSON.stringify(output)).not.toContain(JSON.stringify(value).slice(1, -1));
        },
      ),
      { numRuns: 150 },
    );
  });
});
