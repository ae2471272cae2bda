import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cmdCommands, looksLikeCmd } from '../../../electron/core/imports/curl/cmd-quoting';
import { sniffFormat } from '../../../electron/core/imports/sniff';
import { scrubbed } from '../../../electron/core/imports/import-error';
import { withVariables } from '../../../electron/core/imports/draft';
import { READER_TOKENS } from './published-curl';

describe('Windows cmd quoting (Copy as cURL (cmd))', () => {
  it('splits continued lines into one command and unescapes carets and quotes', () => {
    const text = 'curl ^"https://api.example.com/a?b=1^&c=2^" ^\n  -H ^"Authorization: Bearer abc^" ^\n  --data-raw ^"^{^\\^"k^\\^":1^}^"\ncurl "https://x.test"';
    expect(looksLikeCmd(text)).toBe(true);
    expect(cmdCommands(text)).toEqual([
      ['curl', 'https://api.example.com/a?b=1&c=2', '-H', 'Authorization: Bearer abc', '--data-raw', '{"k":1}'],
      ['curl', 'https://x.test'],
    ]);
    expect(looksLikeCmd("curl 'https://x.test' \\\n -H 'a: b'")).toBe(false);
  });

  it('keeps any argument the C runtime would quote, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[\r\n^\0]/.test(s)),
          { minLength: 1, maxLength: 5 },
        ),
        (args) => {
          const quoted = args.map((arg) => `"${arg.replace(/(\\*)"/g, (_m, slashes: string) => `${slashes}${slashes}\\"`).replace(/(\\+)$/, '$1$1')}"`);
          expect(cmdCommands(`curl ${quoted.join(' ')}`)).toEqual([['curl', ...args]]);
        },
      ),
    );
  });
});

describe('telling a file’s format', () => {
  it.each([
    ['{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}', 'x.json', 'postman'],
    ['{"id": "e", "values": [], "_postman_variable_scope": "environment"}', 'e.json', 'postman'],
    ['{"openapi": "3.0.0", "paths": {}}', 'api.json', 'openapi'],
    ['openapi: 3.1.0\ninfo:\n  title: x\n', 'api.yaml', 'openapi'],
    ['$ curl https://x.test', 'cmd.txt', 'curl'],
    ['# settings\nPORT=3000\nexport KEY=value\n', 'settings', 'env'],
    ['anything', '.env.production', 'env'],
    ['just some notes', 'notes.txt', null],
  ])('%s', (text, name, format) => expect(sniffFormat(text, name)).toBe(format));
});

describe('what an import shows of a parser’s message', () => {
  it('cuts credentials and long token-like runs out, and stays short', () => {
    const token = READER_TOKENS.github;
    expect(scrubbed(`Unexpected token near "${token}" at line 3`)).toBe('Unexpected token near "…" at line 3');
    expect(scrubbed(`bad value Zx9Qm2Lp7Vt4Kw8Rj3Nd6Hb1Yc5Ea here`)).toBe('bad value … here');
    expect(scrubbed('x'.repeat(1000)).length).toBeLessThanOrEqual(300);
  });
});

describe('Postman variable references', () => {
  it('splits {{name}} out of text, leaving the rest as it is', () => {
    expect(withVariables('{{baseUrl}}/users/{{ id }}?q={{}}')).toEqual([{ variable: 'baseUrl' }, '/users/', { variable: 'id' }, '?q={{}}']);
  });
});
