/** Names that can't spoof others, and allowed domains that can't cover a public suffix (issue 10, finding 17). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secretNameProblem } from '../../../shared/model/secret';
import { domainPatternProblem, normalizeDomainPattern, urlAllowed } from '../../../shared/model/domains';
import { openCore } from '../../support/core';

describe('secret names', () => {
  it.each([
    ['a right-to-left override', 'invoice\u202Egpj.exe'],
    ['a zero-width space', 'Stripe\u200Bkey'],
    ['a zero-width joiner', 'Stripe\u200Dkey'],
    ['a left-to-right mark', '\u200EStripe key'],
    ['a byte order mark', 'Stripe\uFEFFkey'],
    ['a bidi isolate', 'Stripe \u2066key\u2069'],
  ])('refuses %s with a clear message', (_label, name) => {
    expect(secretNameProblem(name)).toBe(
      'Name cannot contain invisible formatting characters (such as right-to-left overrides or zero-width spaces): they can make one name look like another.',
    );
  });

  it('accepts names in any script', () => {
    for (const name of ['Clé API', 'مفتاح', 'キー', 'Ключ 2']) expect(secretNameProblem(name)).toBeNull();
  });

  it('is enforced by main, which stores nothing', async () => {
    const core = await openCore();
    try {
      const refused = await core.fail('secrets.create', { name: 'Prod\u202Ekey', value: 'value-never-stored-1' });
      expect(refused).toMatchObject({ code: 'invalid_request', field: 'name' });
      expect(await core.call('secrets.list', {})).toEqual([]);
    } finally {
      await core.core.close();
    }
  });
});

describe('allowed domains', () => {
  it.each(['*.co.uk', 'co.uk', '*.com', '*.github.io', '*.herokuapp.com', 'https://*.co.uk'])(
    'refuses the public suffix %s (a maintained list, private section included)',
    (entry) => {
      expect(domainPatternProblem(entry)).toMatch(/is a public suffix: anyone can register a name under/);
    },
  );

  it.each(['*.example.co.uk', 'api.example.com', 'localhost', 'intranet.local', '127.0.0.1', '[::1]:8080', 'https://api.example.com:8443', 'http://localhost:3000'])(
    'accepts %s',
    (entry) => expect(domainPatternProblem(entry)).toBeNull(),
  );

  it('normalizes hosts as the URL standard does, so they compare with request URLs', () => {
    expect(normalizeDomainPattern('HTTPS://Bücher.Example:443/')).toBe('https://xn--bcher-kva.example:443');
    expect(urlAllowed(new URL('https://xn--bcher-kva.example/'), ['https://Bücher.example'])).toBe(true);
    expect(normalizeDomainPattern('127.1')).toBe('127.0.0.1');
  });

  it('without a scheme allows only https to the default port, except on loopback', () => {
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), fc.integer({ min: 1, max: 65535 }), (scheme, port) => {
        const url = new URL(`${scheme}://api.example.com:${port}/`);
        const effective = url.port === '' ? (scheme === 'https' ? 443 : 80) : port;
        expect(urlAllowed(url, ['api.example.com'])).toBe(scheme === 'https' && effective === 443);
        expect(urlAllowed(new URL(`${scheme}://127.0.0.1:${port}/`), ['127.0.0.1'])).toBe(true);
        expect(urlAllowed(new URL(`${scheme}://127.0.0.1:${port}/`), [`127.0.0.1:${port}`])).toBe(true);
        expect(urlAllowed(new URL(`${scheme}://127.0.0.1:${port}/`), [`https://127.0.0.1:${port}`])).toBe(scheme === 'https');
      }),
    );
  });

  it('matches a wildcard on subdomains only', () => {
    expect(urlAllowed(new URL('https://a.b.example.com/'), ['*.example.com'])).toBe(true);
    expect(urlAllowed(new URL('https://example.com/'), ['*.example.com'])).toBe(false);
    expect(urlAllowed(new URL('https://evilexample.com/'), ['*.example.com'])).toBe(false);
  });
});
