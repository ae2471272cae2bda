import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor, maskFor, type MaskableSecret } from '../../../electron/core/redaction/redactor';
import { secretVariants } from '../../../electron/core/redaction/secret-variants';
import { isTooShortToMask } from '../../../shared/model/secret';
import { base64CharactersOfValue, encoders, naiveRedact, naiveRedactPrefix, secretValue, splitPoints, surroundingText } from './support';

const NAME = 'Stripe key';
const MASK = maskFor(NAME);

const named = (values: readonly string[]): MaskableSecret[] => values.map((value, index) => ({ name: `secret-${index}`, value }));

/** Secrets, and a text made of their encoded forms mixed with arbitrary text. */
const secretsInText = fc.array(secretValue, { minLength: 1, maxLength: 3 }).chain((values) =>
  fc
    .array(fc.oneof(surroundingText, fc.constantFrom(...values.flatMap((value) => Object.values(encoders).map((encode) => encode(value))))), {
      maxLength: 8,
    })
    .map((parts) => ({ secrets: named(values), text: parts.join('') })),
);

/** Secrets over a two-letter alphabet and text built from their pieces: overlaps, nesting and near misses galore. */
const overlappingSecretsInText = fc.array(fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 8, maxLength: 11 }), { minLength: 1, maxLength: 4 }).chain((values) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...values),
        fc.constantFrom(...values).chain((value) => fc.integer({ min: 0, max: value.length }).map((cut) => value.slice(cut))),
        fc.constantFrom(...values).chain((value) => fc.integer({ min: 0, max: value.length }).map((cut) => value.slice(0, cut))),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 4 }),
      ),
      { maxLength: 12 },
    )
    .map((parts) => ({ secrets: named(values), text: parts.join('') })),
);

const redactInChunks = (redactor: Redactor, chunks: readonly string[]): string => {
  const stream = redactor.createStream();
  return chunks.map((chunk) => stream.push(chunk)).join('') + stream.flush();
};

describe('the redactor masks a secret in every common form', () => {
  it.each(Object.keys(encoders))('%s, inside any text', (form) => {
    fc.assert(
      fc.property(secretValue, surroundingText, surroundingText, (value, before, after) => {
        const encoded = encoders[form]!(value);
        const out = new Redactor([{ name: NAME, value }]).redact(before + encoded + after);
        expect(out).toContain(MASK);
        expect(out).not.toContain(encoded);
        for (const variant of secretVariants(value)) expect(out).not.toContain(variant);
      }),
    );
  });

  it.each([
    ['base64', 0],
    ['base64', 1],
    ['base64', 2],
    ['base64url', 0],
    ['base64url', 1],
    ['base64url', 2],
  ] as const)('%s at byte alignment %d inside a longer encoded buffer', (encoding, alignment) => {
    const bytesBefore = fc.integer({ min: 0, max: 3 }).chain((groups) => fc.uint8Array({ minLength: groups * 3 + alignment, maxLength: groups * 3 + alignment }));
    fc.assert(
      fc.property(secretValue, bytesBefore, fc.uint8Array({ maxLength: 8 }), (value, before, after) => {
        const bytes = Buffer.from(value);
        const encoded = Buffer.concat([before, bytes, after]).toString(encoding);
        const out = new Redactor([{ name: NAME, value }]).redact(`payload=${encoded};`);
        expect(out).toContain(MASK);
        expect(out).not.toContain(base64CharactersOfValue(encoded, before.length, bytes.length));
      }),
    );
  });

  it('masks each line of a multi-line value on its own', () => {
    const key = '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END KEY-----';
    const out = new Redactor([{ name: NAME, value: key }]).redact('log: BKcwggSjAgEAAoIBAQC7 and MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(out).toBe(`log: ${MASK} and ${MASK}`);
  });

  it('finds a secret whatever follows it: combining marks, "\\n" after a final "\\r"', () => {
    const redactor = new Redactor([
      { name: 'a', value: 'abcdefgh' },
      { name: 'b', value: 'line-ending\r' },
    ]);
    expect(redactor.redact('xabcdefgh\u0301y')).toBe('x***REDACTED-a***\u0301y');
    expect(redactor.redact('line-ending\r\nnext')).toBe('***REDACTED-b***\nnext');
  });
});

describe('overlapping matches', () => {
  const redactor = new Redactor([
    { name: 'A', value: 'xxxxABCD1234' },
    { name: 'B', value: '1234yyyyzzzz' },
    { name: 'short-prefix', value: 'qwertyui' },
    { name: 'long', value: 'qwertyuiopas' },
    { name: 'inner', value: 'ABCD1234' },
  ]);

  it('merge into one mask named after the leftmost match', () => {
    expect(redactor.redact('<xxxxABCD1234yyyyzzzz>')).toBe('<***REDACTED-A***>');
  });

  it('starting at the same place: the longest names the mask', () => {
    expect(redactor.redact('<qwertyuiopas>')).toBe('<***REDACTED-long***>');
    expect(redactor.redact('<qwertyuiop>')).toBe('<***REDACTED-short-prefix***op>');
  });

  it('keep adjacent matches apart and nested ones inside', () => {
    expect(redactor.redact('xxxxABCD1234xxxxABCD1234')).toBe('***REDACTED-A******REDACTED-A***');
    expect(redactor.redact('ABCD1234!')).toBe('***REDACTED-inner***!');
  });

  it('with many secrets (past the dense part of the automaton) are still found exactly', () => {
    const values = fc.sample(fc.string({ unit: fc.constantFrom(...'abcdefgh/+=%'), minLength: 8, maxLength: 30 }), { numRuns: 300, seed: 7 });
    const secrets = named(values);
    const redactor = new Redactor(secrets);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...values.flatMap(secretVariants)).chain((variant) => fc.nat(variant.length).map((cut) => variant.slice(cut))),
            fc.string(),
          ),
          {
            maxLength: 30,
          },
        ),
        (parts) => {
          const text = parts.join('');
          expect(redactor.redact(text)).toBe(naiveRedact(text, secrets));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('are handled exactly like a naive search for every occurrence of every variant', () => {
    fc.assert(
      fc.property(overlappingSecretsInText, ({ secrets, text }) => {
        expect(new Redactor(secrets).redact(text)).toBe(naiveRedact(text, secrets));
      }),
      { numRuns: 500 },
    );
  });
});

describe('streaming', () => {
  it('gives the same text however the input is split into chunks', () => {
    fc.assert(
      fc.property(
        secretsInText.chain((sample) => splitPoints(sample.text).map((chunks) => ({ ...sample, chunks }))),
        ({ secrets, text, chunks }) => {
          const redactor = new Redactor(secrets);
          const whole = redactor.redact(text);
          expect(whole).toBe(naiveRedact(text, secrets));
          expect(redactInChunks(redactor, chunks)).toBe(whole);
        },
      ),
    );
  });

  it('masks the longest variant split at any point', () => {
    fc.assert(
      fc.property(secretValue, surroundingText, surroundingText, (value, before, after) => {
        const redactor = new Redactor([{ name: NAME, value }]);
        const longest = secretVariants(value).reduce((a, b) => (b.length > a.length ? b : a));
        const whole = redactor.redact(before + longest + after);
        for (let split = 0; split <= longest.length; split++) {
          expect(redactInChunks(redactor, [before + longest.slice(0, split), longest.slice(split) + after])).toBe(whole);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('masks secrets split across many chunks, one code unit each', () => {
    fc.assert(
      fc.property(fc.oneof(secretsInText, overlappingSecretsInText), ({ secrets, text }) => {
        const redactor = new Redactor(secrets);
        expect(redactInChunks(redactor, [...text])).toBe(redactor.redact(text));
      }),
    );
  });

  it('holds back exactly (longest variant − 1) code units and emits the rest at once', () => {
    fc.assert(
      fc.property(fc.array(secretValue, { minLength: 1, maxLength: 3 }), fc.array(fc.string({ maxLength: 80 }), { maxLength: 8 }), (values, chunks) => {
        const secrets = named(values);
        const text = chunks.join('');
        fc.pre(naiveRedact(text, secrets) === text);
        const holdBack = Math.max(...values.flatMap(secretVariants).map((variant) => variant.length)) - 1;
        const stream = new Redactor(secrets).createStream();
        let emitted = '';
        let consumed = 0;
        for (const chunk of chunks) {
          emitted += stream.push(chunk);
          consumed += chunk.length;
          expect(emitted).toBe(text.slice(0, Math.max(0, consumed - holdBack)));
        }
        expect(emitted + stream.flush()).toBe(text);
      }),
    );
  });

  it('cut after any chunks masks a secret straddling the cut whole, and shows nothing past it', () => {
    const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
    fc.assert(
      fc.property(
        fc
          .oneof(secretsInText, overlappingSecretsInText)
          .chain((sample) => fc.integer({ min: 0, max: sample.text.length }).chain((cut) => splitPoints(sample.text.slice(0, cut)).map((chunks) => ({ ...sample, cut, chunks })))),
        ({ secrets, text, cut, chunks }) => {
          fc.pre(cut === 0 || !isHighSurrogate(text.charCodeAt(cut - 1)));
          const redactor = new Redactor(secrets);
          const stream = redactor.createStream();
          const shown = chunks.map((chunk) => stream.push(chunk)).join('') + stream.truncate(text.slice(cut, cut + redactor.lookahead));
          expect(shown).toBe(naiveRedactPrefix(text, cut, secrets));
          expect(redactor.redactPrefix(text, cut)).toBe(shown);
          // The stream starts over after the cut.
          expect(stream.push(text) + stream.flush()).toBe(redactor.redact(text));
        },
      ),
    );
  });

  it('never ends an emitted piece between the halves of a surrogate pair', () => {
    const stream = new Redactor([{ name: NAME, value: 'abcdefghij' }]).createStream();
    for (let count = 1; count < 30; count++) {
      const out = stream.push('😀'.repeat(count) + 'x'.repeat(count % 3));
      const last = out.charCodeAt(out.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
  });

  it('starts over after flush', () => {
    const stream = new Redactor([{ name: NAME, value: 'abcdefgh' }]).createStream();
    expect(stream.push('xx abcd') + stream.flush()).toBe('xx abcd');
    expect(stream.push('efgh yy') + stream.flush()).toBe('efgh yy');
    expect(stream.push('abcdefgh') + stream.flush()).toBe(MASK);
  });
});

describe('no over-masking', () => {
  it('leaves text without any variant of any secret unchanged', () => {
    fc.assert(
      fc.property(fc.array(secretValue, { maxLength: 5 }), fc.string({ unit: 'binary', maxLength: 300 }), (values, text) => {
        fc.pre(values.flatMap(secretVariants).every((variant) => !text.includes(variant)));
        expect(new Redactor(named(values)).redact(text)).toBe(text);
      }),
    );
  });

  it('leaves near misses alone: every variant cut short by one character', () => {
    fc.assert(
      fc.property(fc.array(secretValue, { minLength: 1, maxLength: 3 }), fc.string({ maxLength: 3 }), (values, separator) => {
        const variants = values.flatMap(secretVariants);
        const text = variants.flatMap((variant) => [variant.slice(1), variant.slice(0, -1)]).join(separator);
        fc.pre(variants.every((variant) => !text.includes(variant)));
        expect(new Redactor(named(values)).redact(text)).toBe(text);
      }),
    );
  });

  it('does not mask values shorter than 8 code units, in any form, and reports them as too short', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 7 }).filter((value) => value.length < 8),
        surroundingText,
        (value, around) => {
          expect(isTooShortToMask(value)).toBe(true);
          const text = `${around}${value} ${Buffer.from(value).toString('hex')} ${Buffer.from(value).toString('base64')}${around}`;
          expect(new Redactor([{ name: NAME, value }]).redact(text)).toBe(text);
        },
      ),
    );
    expect(isTooShortToMask('12345678')).toBe(false);
    expect(new Redactor([{ name: NAME, value: '12345678' }]).redact('a 12345678 b')).toBe(`a ${MASK} b`);
  });

  it('passes text through at once without secrets', () => {
    const redactor = new Redactor([]);
    const stream = redactor.createStream();
    expect(stream.push('anything at all')).toBe('anything at all');
    expect(redactor.redact('anything')).toBe('anything');
  });
});
