import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectCredentials, detectInTexts, type FieldContext } from '../../../shared/detection/detect';
import { RULES } from '../../../shared/detection/rules';

const TEXT: FieldContext = { kind: 'text' };
const found = (text: string, context: FieldContext = TEXT) => detectCredentials(text, context).map((d) => [d.ruleId, text.slice(d.start, d.end)]);

// Credentials built at run time so that no scanner mistakes this file for a leak.
const join = (...parts: string[]) => parts.join('');
const GITHUB = join('ghp_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx');
const STRIPE_LIVE = join('sk_live_', '51HqLyjWDarjtT1zdp7dcAbCdEf');
const STRIPE_TEST = join('sk_test_', '4eC39HqLyjWDarjtT1zdp7dc');
const SLACK = join('xoxb-', '1234567890-1234567890123-abcdefghijklmnopqrstuvwx');
const SENDGRID = join('SG.', 'ngeVfQFYQlKU0ufo8x5d1A', '.', 'TwL2iGABf9DHoTfx09kqeF8tAmbihYzrnopKc-1s5cQ');
const NPM = join('npm_', '1234567890abcdefghijklmnopqrstuvwxyz');
const MAILGUN = join('key-', '3ax6xnjp29jd6fds4gc373sgvjxteol0'.replace(/[^0-9a-f]/g, 'a'));
const JWT = join('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c');
const AWS_SECRET = join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYzzKEYabcde');
const OPAQUE = 'Zx9Qm2Lp7Vt4Kw8Rj3Nd6Hb1';

describe('rules: each has a positive and a negative example', () => {
  const cases: { rule: string; positive: [string, FieldContext?, string?]; negative: [string, FieldContext?] }[] = [
    { rule: '@secretlint/secretlint-rule-github:GITHUB_TOKEN', positive: [`token ${GITHUB}`, TEXT, GITHUB], negative: ['ghp_short'] },
    { rule: '@secretlint/secretlint-rule-slack:SLACK_TOKEN', positive: [SLACK, TEXT, SLACK], negative: ['xoxb'] },
    { rule: '@secretlint/secretlint-rule-sendgrid:SENDGRID_KEY', positive: [SENDGRID, TEXT, SENDGRID], negative: ['SG.abc.def'] },
    { rule: '@secretlint/secretlint-rule-npm:NPM_ACCESS_TOKEN', positive: [NPM, TEXT, NPM], negative: ['npm_install_step'] },
    {
      rule: '@secretlint/secretlint-rule-aws:AWSSecretAccessKey',
      positive: [`aws_secret_access_key = ${AWS_SECRET}`, TEXT, AWS_SECRET],
      negative: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    },
    {
      rule: '@secretlint/secretlint-rule-basicauth:BasicAuth',
      positive: ['https://deploy:Tr0ub4dor3x@ci.example.com/hook', TEXT, 'Tr0ub4dor3x'],
      negative: ['https://{{user}}:{{password}}@ci.example.com/'],
    },
    {
      rule: '@secretlint/secretlint-rule-database-connection-string:PostgreSQLConnection',
      positive: ['postgres://app:Qz8vLm2pRt9w@db.internal:5432/main', TEXT, 'Qz8vLm2pRt9w'],
      negative: ['postgres://db.internal:5432/main'],
    },
    { rule: 'keyflow/stripe-live', positive: [STRIPE_LIVE, TEXT, STRIPE_LIVE], negative: ['pk_live_51HqLyjWDarjtT1zdp7dcAbCdEf'] },
    { rule: 'keyflow/stripe-test', positive: [`-u ${STRIPE_TEST}:`, TEXT, STRIPE_TEST], negative: ['sk_test_short'] },
    { rule: 'keyflow/mailgun', positive: [`api:${MAILGUN}`, TEXT, MAILGUN], negative: ['key-value-store'] },
    { rule: 'keyflow/jwt', positive: [JWT, TEXT, JWT], negative: ['eyJhbGciOiJIUzI1NiJ9.payload'] },
    {
      rule: 'keyflow/bearer',
      positive: [`Bearer ${OPAQUE}`, { kind: 'header', name: 'Authorization' }, OPAQUE],
      negative: ['Bearer <YOUR-TOKEN>', { kind: 'header', name: 'Authorization' }],
    },
    {
      rule: 'keyflow/basic',
      positive: [`Basic ${btoa('ann:Wonderland42')}`, { kind: 'header', name: 'authorization' }, btoa('ann:Wonderland42')],
      negative: ['Basic dGhpcyBpcyBub3QgYSBwYWly', { kind: 'header', name: 'Authorization' }],
    },
    {
      rule: 'keyflow/authorization',
      positive: [`Token ${OPAQUE}`, { kind: 'header', name: 'Authorization' }, OPAQUE],
      negative: ['Token $API_TOKEN', { kind: 'header', name: 'Authorization' }],
    },
    { rule: 'keyflow/api-key-header', positive: [OPAQUE, { kind: 'header', name: 'X-API-Key' }, OPAQUE], negative: ['{{apiKey}}', { kind: 'header', name: 'X-API-Key' }] },
    { rule: 'keyflow/password', positive: ['Wonderland42', { kind: 'form', name: 'password' }, 'Wonderland42'], negative: ['Wonderland42', { kind: 'form', name: 'username' }] },
    {
      rule: 'keyflow/sensitive-name',
      positive: [`https://api.example.com/v1/items?api_key=${OPAQUE}&page=2`, TEXT, OPAQUE],
      negative: ['https://api.example.com/v1/items?page_token=2&sort_key=created_at'],
    },
    {
      rule: 'keyflow/random-value',
      positive: [`${GITHUB}0`, { kind: 'entry', name: 'BUILD' }, `${GITHUB}0`],
      negative: ['d41d8cd98f00b204e9800998ecf8427e', { kind: 'entry', name: 'CHECKSUM' }],
    },
    { rule: 'keyflow/credential-field', positive: ['Wonderland-42!', { kind: 'credential' }, 'Wonderland-42!'], negative: ['YOUR_API_KEY', { kind: 'credential' }] },
  ];
  for (const { rule, positive, negative } of cases) {
    it(`${RULES[rule]!.name} (${rule})`, () => {
      const [text, context = TEXT, value] = positive;
      expect(found(text, context)).toContainEqual([rule, value]);
      const [clean, cleanContext = TEXT] = negative;
      expect(found(clean, cleanContext)).toEqual([]);
    });
  }
});

describe('contexts', () => {
  it('finds a password in a JSON body, a JavaScript object and an Authorization line in code', () => {
    expect(found('{"username": "ann", "password": "Wonderland42"}')).toEqual([['keyflow/password', 'Wonderland42']]);
    expect(found(`const client = { apiKey: '${OPAQUE}' };`)).toEqual([['keyflow/sensitive-name', OPAQUE]]);
    expect(found(`headers: { Authorization: 'Bearer ${OPAQUE}' }`)).toEqual([['keyflow/bearer', OPAQUE]]);
  });

  it('looks for random-looking runs only in imported entries, not in a Run Code variable the person set', () => {
    expect(found(`${GITHUB}0`, { kind: 'variable', name: 'r' })).toEqual([]);
  });

  it('leaves code that reads a value: a member path or a call is no literal', () => {
    expect(found('return { token: input.token, apiKey: process.env.API_KEY, secret: vault.read("x") };')).toEqual([]);
    expect(found(`const token = ${'"'}${OPAQUE}${'"'};`)).toEqual([['keyflow/sensitive-name', OPAQUE]]);
  });

  it('names a known format rather than its position', () => {
    expect(found(`Bearer ${GITHUB}`, { kind: 'header', name: 'Authorization' })).toEqual([['@secretlint/secretlint-rule-github:GITHUB_TOKEN', GITHUB]]);
  });

  it('takes a session cookie, not the other cookies', () => {
    expect(found(`theme=dark; session_token=${OPAQUE}; lang=en`, { kind: 'header', name: 'Cookie' })).toEqual([['keyflow/sensitive-name', OPAQUE]]);
  });

  it('leaves placeholders: template variables, shell variables, angle brackets, constants, short values', () => {
    const auth: FieldContext = { kind: 'header', name: 'Authorization' };
    for (const value of ['Bearer {{token}}', 'Bearer ${TOKEN}', 'Bearer $SENDGRID_API_KEY', 'Bearer <token>', 'Bearer ACCESS_TOKEN', 'Bearer abc', 'Bearer xxxxxxxxxxxx']) {
      expect(found(value, auth), value).toEqual([]);
    }
    expect(found('{"password": "string"}')).toEqual([]);
    expect(found('{"password": "********"}')).toEqual([]);
  });
});

describe('a corpus of ordinary request text produces no false positive', () => {
  const corpus = [
    'https://api.github.com/repos/octocat/hello-world/commits/7fd1a60b01f91b314f59955a4e4d4e80d8edf11d',
    'https://www.googleapis.com/drive/v3/files?pageSize=10&fields=nextPageToken,files(id,name)&pageToken=',
    'https://api.example.com/v2/orders/3fa85f64-5717-4562-b3fc-2c963f66afa6?include=items&sort=-created_at',
    'https://example.com/search?q=password+reset&lang=en&key=value',
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'ETag: W/"33a64df551425fcc55e4d42a148795d9f25f89d4"',
    '{"id": "cus_NffrFeUfNV2Hib", "object": "customer", "created": 1680893993, "email": "jenny.rosen@example.com"}',
    '{"token_type": "Bearer", "expires_in": 3600, "scope": "read write"}',
    '{"avatar": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="}',
    'query { viewer { login repositories(first: 10) { nodes { name } } } }',
    'Content-Type: application/json; charset=utf-8',
    'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Accept: application/vnd.github+json',
    'X-Request-Id: 9f1c3b7e-2d4a-4e8f-b6a1-0c5d7e9f1a2b',
    '{"password_policy": "min 12 characters", "password_reset_url": "https://example.com/reset"}',
    '{"sort_key": "created_at", "primary_key": "id", "idempotency_key": "order-2024-05-01"}',
    'commit 5c3f1d2a9b8e7f6a5d4c3b2a1f0e9d8c7b6a5f4e',
    '{"client_id": "my-app", "grant_type": "client_credentials", "redirect_uri": "https://example.com/cb"}',
    'const token = await getToken(); fetch(url, { headers: { Authorization: `Bearer ${token}` } });',
  ];
  for (const text of corpus) it(text.slice(0, 60), () => expect(found(text)).toEqual([]));
  it('nor in headers and query parameters of everyday names', () => {
    const headers: [string, string][] = [
      ['Accept', 'application/json'],
      ['If-None-Match', '"33a64df551425fcc55e4d42a148795d9f25f89d4"'],
      ['X-Request-Id', '9f1c3b7e-2d4a-4e8f-b6a1-0c5d7e9f1a2b'],
      ['Idempotency-Key', 'a8098c1a-f86e-11da-bd1a-00112444be1e'],
      ['Cookie', 'theme=dark; lang=en'],
    ];
    for (const [name, value] of headers) expect(found(value, { kind: 'header', name }), name).toEqual([]);
  });

  it('nor in random UUIDs, hex digests and base64 blobs', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f]{40}$/), fc.stringMatching(/^[0-9a-f]{64}$/), fc.base64String({ minLength: 100, maxLength: 400 })), (text) => {
        expect(found(text)).toEqual([]);
        expect(found(`https://api.example.com/items/${text}?id=${text}`)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('checking many texts at once', () => {
  it('finds exactly what checking each alone finds', () => {
    const pieces = [GITHUB, STRIPE_LIVE, SLACK, SENDGRID, NPM, JWT, OPAQUE, 'https://deploy:Tr0ub4dor3x@ci.example.com', '-----BEGIN', 'Bearer ', 'password=', ' ', '\n'];
    const contexts: FieldContext[] = [TEXT, { kind: 'header', name: 'Authorization' }, { kind: 'credential' }, { kind: 'query', name: 'api_key' }];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            text: fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 })), { maxLength: 5 }).map((parts) => parts.join('')),
            context: fc.constantFrom(...contexts),
          }),
          { maxLength: 6 },
        ),
        (items) => {
          expect(detectInTexts(items)).toEqual(items.map((item) => detectCredentials(item.text, item.context)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
