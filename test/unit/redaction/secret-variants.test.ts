import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapedForms, secretVariants, UNCHANGED_BY_ESCAPING } from '../../../electron/core/redaction/secret-variants';
import { MIN_MASKABLE_LENGTH, isTooShortToMask } from '../../../shared/model/secret';
import { encoders, secretValue } from './support';

describe('secretVariants', () => {
  it('lists the forms common libraries write, each at least MIN_MASKABLE_LENGTH long', () => {
    fc.assert(
      fc.property(secretValue, (value) => {
        const variants = secretVariants(value);
        for (const encode of Object.values(encoders)) expect(variants).toContain(encode(value));
        expect(variants).toContain(Buffer.from(value).toString('base64').replace(/=+$/, ''));
        expect(variants).toContain(Buffer.from(value).toString('base64url'));
        for (const variant of variants) expect(variant.length).toBeGreaterThanOrEqual(MIN_MASKABLE_LENGTH);
      }),
    );
  });

  it('spells JSON, URL and HTML escapes the ways libraries differ on', () => {
    const variants = secretVariants("p/ss=wörd'<1>");
    expect(variants).toEqual(
      expect.arrayContaining([
        "p\\/ss=wörd'<1>", // PHP's json_encode: '\/'
        'p/ss\\u003dw\\u00f6rd\\u0027\\u003c1\\u003e', // Gson (HTML-safe) with ASCII-only output
        "p/ss=w\\u00F6rd'<1>", // upper-case \u escapes
        'p%2Fss%3Dw%C3%B6rd%27%3C1%3E', // URLSearchParams (form encoding)
        'p%2fss%3dw%c3%b6rd%27%3c1%3e', // lower-case percent escapes
        'p/ss%3Dw%C3%B6rd%27%3C1%3E', // Python's quote()
        'p/ss=wörd&#x27;&lt;1&gt;',
        'p/ss=wörd&apos;&lt;1&gt;',
      ]),
    );
  });

  it("lists the base64 characters that depend only on the value's bytes, at each alignment", () => {
    // 'abcdefgh' at byte offsets 0, 1 and 2 of a longer stream (leading bytes zero here; any would do).
    expect(secretVariants('abcdefgh')).toEqual(expect.arrayContaining(['YWJjZGVmZ2', 'FiY2RlZmdo', 'hYmNkZWZna']));
    expect(Buffer.from('\0abcdefgh!').toString('base64')).toContain('FiY2RlZmdo');
    expect(Buffer.concat([Buffer.from([0xff, 0xff]), Buffer.from('abcdefgh')]).toString('base64')).toContain('hYmNkZWZna');
  });

  it('adds each line of a multi-line value that is long enough, with its encodings', () => {
    const variants = secretVariants('first-line-of-it\r\nshort\nthird line/+');
    expect(variants).toEqual(expect.arrayContaining(['first-line-of-it', 'third line/+', 'third%20line%2F%2B', Buffer.from('third line/+').toString('hex')]));
    expect(variants).not.toContain('short');
  });

  it('skips escaping only for texts every escaper leaves as they are', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ABCXYZabcxyz0189._-'), maxLength: 30 }), (text) => {
        expect(UNCHANGED_BY_ESCAPING.test(text)).toBe(true);
        expect(new Set(escapedForms(text))).toEqual(new Set([text]));
      }),
    );
  });

  it('adds the forms other maskers cover: numeric entities, quoting, the URL standard, UTF-16 bytes, wrapped base64, NFD', () => {
    const value = "it's a{b}c|d^e é-0123";
    const variants = secretVariants(value);
    const url = new URL('https://h.example/');
    url.password = value;
    expect(variants).toEqual(
      expect.arrayContaining([
        [...value].map((c) => `&#${c.codePointAt(0)};`).join(''),
        value.replaceAll("'", "'\\''"),
        value.replaceAll("'", "''"),
        url.password,
        Buffer.from(value, 'utf16le').toString('latin1'),
        value.normalize('NFD'),
      ]),
    );
    const long = 'x'.repeat(40) + '-long-value-0123456789-abcdefghijklmnop';
    expect(secretVariants(long)).toContain(Buffer.from(long).toString('base64').replace(/=+$/, '').replace(/.{76}/g, '$&\n'));
  });

  it('lists nothing for a value too short to mask', () => {
    expect(isTooShortToMask('1234567')).toBe(true);
    expect(secretVariants('1234567')).toEqual([]);
    expect(isTooShortToMask('12345678')).toBe(false);
    expect(secretVariants('12345678')).toContain('12345678');
  });
});
