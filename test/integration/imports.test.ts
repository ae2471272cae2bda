/**
 * Imports through the bridge on a real core (real keychain, real SQLite), from real
 * published inputs: what is created, and that no detected token is left anywhere —
 * the database and its WAL, the logs, the workflow JSON, an export, any bridge response.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openCore, type TestCore } from '../support/core';
import { leaksInFiles } from '../support/canary';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { codeStep, httpStep, t as text } from '../support/steps';
import type { ImportSource } from '../../shared/model/imports';
import { fingerprintOf } from '../../shared/detection/fingerprint';
import { PUBLISHED_CURL, READER_TOKENS, STRIPE_DOCS_TEST_KEY, withToken } from '../unit/imports/published-curl';

const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let t: TestCore;
let responses: string[];
let events: string[];
beforeEach(async () => {
  t = await openCore();
  responses = [];
  events = [];
  t.core.subscribe((event) => events.push(JSON.stringify(event)));
  const dispatch = t.core.dispatch;
  // Every bridge response of the test, to look for tokens in.
  t.core.dispatch = async (name, args) => {
    const response = await dispatch(name, args);
    responses.push(JSON.stringify(response));
    return response;
  };
});
afterEach(() => t.core.close());

async function importAll(source: ImportSource) {
  const preview = await t.call('imports.preview', { source });
  const outcome = await t.call('imports.commit', { source, decisions: { credentials: [] } });
  return { preview, outcome };
}

/** The token is nowhere: not in the database, WAL or logs, not in any workflow, export, bridge response or event. */
async function expectNowhere(token: string) {
  const everything = [];
  for (const summary of await t.call('workflows.list', {})) {
    everything.push(JSON.stringify(await t.call('workflows.get', { id: summary.id })));
    everything.push(JSON.stringify(await t.call('workflows.export', { id: summary.id })));
  }
  for (const text of [...everything, ...responses, ...events]) expect(text.includes(token), text.slice(0, 200)).toBe(false);
  expect(leaksInFiles(t.userDataDir, token)).toEqual([]);
}

describe('cURL commands as API docs print them', () => {
  it('Stripe: the docs’ test key becomes a Stripe key, the form body stays a form', async () => {
    const { preview, outcome } = await importAll({ format: 'curl', text: PUBLISHED_CURL.stripe });
    expect(preview.credentials).toEqual([
      expect.objectContaining({
        ruleId: 'keyflow/stripe-test',
        ruleName: 'Stripe test secret key',
        proposedName: 'Stripe test secret key',
        proposedDomains: ['api.stripe.com'],
        places: ['“POST api.stripe.com/v1/customers” › Basic auth username'],
      }),
    ]);
    expect(outcome.keys.map((key) => key.name)).toEqual(['Stripe test secret key']);
    const workflow = await t.call('workflows.get', { id: outcome.workflows[0]!.id });
    const step = workflow.steps[0]!;
    expect(step.action).toBe('http.request');
    if (step.action !== 'http.request') return;
    expect(step.config.method).toBe('POST');
    expect(step.config.url).toEqual([{ kind: 'text', text: 'https://api.stripe.com/v1/customers' }]);
    expect(step.config.auth).toEqual({ kind: 'basic', username: [{ kind: 'secret', secretId: outcome.keys[0]!.id }], password: [] });
    expect(step.config.body).toEqual({
      kind: 'form',
      fields: [
        { key: 'name', value: [{ kind: 'text', text: 'Jenny Rosen' }], enabled: true },
        { key: 'email', value: [{ kind: 'text', text: 'jennyrosen@example.com' }], enabled: true },
      ],
    });
    const [key] = await t.call('secrets.list', {});
    expect(key).toMatchObject({ allowedDomains: ['api.stripe.com'], usedBy: 1, values: [expect.objectContaining({ hint: STRIPE_DOCS_TEST_KEY.slice(-4) })] });
    await expectNowhere(STRIPE_DOCS_TEST_KEY);
  });

  it('GitHub, Slack, SendGrid as printed: their stand-ins (<YOUR-TOKEN>, xoxb-your-token, $SENDGRID_API_KEY) are not credentials', async () => {
    const previews = [];
    for (const command of [PUBLISHED_CURL.github, PUBLISHED_CURL.slack, PUBLISHED_CURL.sendgrid]) {
      const { preview } = await importAll({ format: 'curl', text: command });
      expect(preview.credentials).toEqual([]);
      previews.push(preview);
    }
    // $SENDGRID_API_KEY is a shell variable: a Keyflow variable without a value, with a note to import what defines it first.
    expect(previews[2]!.variables).toEqual([{ name: 'SENDGRID_API_KEY', becomes: 'variable', value: null, credentialId: null, existing: false, usedBy: 1 }]);
    expect(previews[2]!.warnings).toEqual(
      expect.arrayContaining([
        'The command uses shell variables ($SENDGRID_API_KEY): each becomes a Keyflow variable of that name (or the key of that name, when the workspace has one); give each a value in Environments.',
        expect.stringMatching(/^\{\{SENDGRID_API_KEY\}\} is used but not defined here, and its name says it holds a secret/),
      ]),
    );
    const sendgrid = (await t.call('workflows.list', {})).find((workflow) => workflow.name.includes('sendgrid'))!;
    const step = (await t.call('workflows.get', { id: sendgrid.id })).steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    const [variable] = (await t.call('environments.list', {})).variables;
    expect(variable).toEqual({ id: expect.any(String), name: 'SENDGRID_API_KEY', values: {} });
    expect(step.config.headers[0]).toEqual({
      key: 'Authorization',
      value: [
        { kind: 'text', text: 'Bearer ' },
        { kind: 'variable', variableId: variable!.id },
      ],
      enabled: true,
    });
    expect(step.config.body.kind).toBe('json');
  });

  it.each([
    ['github', '<YOUR-TOKEN>', 'GitHub token', 'api.github.com'],
    ['slack', 'xoxb-your-token', 'Slack token', 'slack.com'],
    ['sendgrid', '$SENDGRID_API_KEY', 'SendGrid API key', 'api.sendgrid.com'],
  ] as const)('%s with the reader’s own token: one key, a chip after “Bearer ”, the token nowhere', async (provider, placeholder, ruleName, host) => {
    const token = READER_TOKENS[provider];
    const { preview, outcome } = await importAll({ format: 'curl', text: withToken(PUBLISHED_CURL[provider], placeholder, token) });
    expect(preview.credentials).toEqual([expect.objectContaining({ ruleName, proposedType: 'generic', proposedDomains: [host] })]);
    expect(preview.credentials[0]!.hint).toBe(token.slice(-4));
    const step = (await t.call('workflows.get', { id: outcome.workflows[0]!.id })).steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    const authorization = step.config.headers.find((header) => header.key.toLowerCase() === 'authorization')!;
    expect(authorization.value).toEqual([
      { kind: 'text', text: 'Bearer ' },
      { kind: 'secret', secretId: outcome.keys[0]!.id },
    ]);
    await expectNowhere(token);
  });

  it('reads Windows cmd quoting (Copy as cURL (cmd)) and several commands at once; one token in both is one key', async () => {
    const token = READER_TOKENS.github;
    const cmd = `curl ^"https://api.github.com/user^" ^\n  -H ^"Authorization: Bearer ${token}^" ^\n  -H ^"Accept: application/json^"\ncurl ^"https://api.github.com/user/repos?per_page=5^" -H ^"Authorization: Bearer ${token}^"`;
    const { preview, outcome } = await importAll({ format: 'curl', text: cmd });
    expect(preview.workflows[0]!.steps.map((step) => step.name)).toEqual(['GET api.github.com/user', 'GET api.github.com/user/repos']);
    expect(preview.credentials).toHaveLength(1);
    expect(preview.credentials[0]!.places).toHaveLength(2);
    expect(outcome.keys).toHaveLength(1);
    await expectNowhere(token);
  });

  it('takes -G, --url, -X, --oauth2-bearer and --data-urlencode as curl does', async () => {
    const token = 'Zx9Qm2Lp7Vt4Kw8Rj3Nd6Hb1';
    const { outcome } = await importAll({
      format: 'curl',
      text: `curl -G --url https://api.example.com/search -X GET --oauth2-bearer ${token} --data-urlencode "q=a b" -d limit=5`,
    });
    const step = (await t.call('workflows.get', { id: outcome.workflows[0]!.id })).steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    expect(step.config.query.map((row) => [row.key, row.value])).toEqual([
      ['q', [{ kind: 'text', text: 'a b' }]],
      ['limit', [{ kind: 'text', text: '5' }]],
    ]);
    expect(step.config.auth).toEqual({ kind: 'bearer', token: [{ kind: 'secret', secretId: outcome.keys[0]!.id }] });
  });
  it('takes -F form fields as fields and lists a file upload as not imported, by name', async () => {
    const { preview, outcome } = await importAll({ format: 'curl', text: 'curl -F name=Jenny -F "photo=@me.png" https://api.example.com/upload' });
    expect(preview.notImported).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'File field “photo” of “POST api.example.com/upload”' })]));
    const step = (await t.call('workflows.get', { id: outcome.workflows[0]!.id })).steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    expect(step.config.method).toBe('POST');
    expect(step.config.body).toEqual({ kind: 'form', fields: [{ key: 'name', value: [{ kind: 'text', text: 'Jenny' }], enabled: true }] });
  });
});

describe('Postman collections and OpenAPI descriptions from public projects', () => {
  it('newman’s sample collection (v2.0): three requests, the test script listed by name as not imported', async () => {
    const { preview, outcome } = await importAll({ format: 'postman', text: fixture('newman-sample-collection-v2.0.json'), fileName: 'sample-collection.json' });
    expect(preview.workflows.map((w) => [w.name, w.steps.map((s) => s.name)])).toEqual([
      ['Sample Postman Collection', ['A simple GET request', 'A simple POST request', 'A simple POST request with JSON body']],
    ]);
    expect(preview.notImported).toEqual([{ what: 'Test script of “A simple GET request”', why: 'Keyflow doesn’t run Postman scripts.' }]);
    const workflow = await t.call('workflows.get', { id: outcome.workflows[0]!.id });
    const post = workflow.steps[2]!;
    if (post.action !== 'http.request') throw new Error('not a request');
    expect(post.config.body).toEqual({ kind: 'json', text: [{ kind: 'text', text: '{"text":"Duis posuere augue vel cursus pharetra. In luctus a ex nec pretium..."}' }] });
  });

  it('newman’s inherited-entities collection: folders become workflows, inherited Basic auth, variables with their values, Digest listed', async () => {
    const { preview, outcome } = await importAll({ format: 'postman', text: fixture('newman-inherited-entities.postman_collection.json') });
    expect(preview.workflows.map((w) => w.name)).toEqual([
      'Inherited Entities',
      'Inherited Entities / Collection level stuff',
      'Inherited Entities / Folder level stuff',
      'Inherited Entities / Request level stuff',
    ]);
    expect(preview.variables).toEqual(
      expect.arrayContaining([
        { name: 'collectionVariablesURL', becomes: 'variable', value: 'https://postman-echo.com/get?test=collection_variable', credentialId: null, existing: false, usedBy: 1 },
      ]),
    );
    expect(preview.notImported.map((n) => n.what)).toEqual(
      expect.arrayContaining(['digest authentication of “Auth”', 'Pre-request script of “Inherited Entities”', 'Test script of “Variables”']),
    );
    // The collection's Basic password is "password": a stand-in, not a credential.
    expect(preview.credentials).toEqual([]);
    const folder = await t.call('workflows.get', { id: outcome.workflows.find((w) => w.name.endsWith('Collection level stuff'))!.id });
    const [variables, auth] = folder.steps;
    if (variables?.action !== 'http.request' || auth?.action !== 'http.request') throw new Error('not requests');
    // {{collectionVariablesURL}} holds the whole address: the variable's chip, its value in Default.
    const url = (await t.call('environments.list', {})).variables.find((variable) => variable.name === 'collectionVariablesURL')!;
    expect(url.values).toEqual({ default: 'https://postman-echo.com/get?test=collection_variable' });
    expect(variables.config.url).toEqual([{ kind: 'variable', variableId: url.id }]);
    expect(auth.config.auth).toEqual({ kind: 'basic', username: [{ kind: 'text', text: 'postman' }], password: [{ kind: 'text', text: 'password' }] });
  });

  it.each([
    ['oai-petstore-v3.0.yaml', 'http://petstore.swagger.io/v1/pets'],
    ['oai-petstore-swagger-2.0.json', 'http://petstore.swagger.io/v1/pets'],
  ])('the OpenAPI Initiative’s petstore (%s): one step per operation, grouped by tag', async (file, url) => {
    const { preview, outcome } = await importAll({ format: 'openapi', text: fixture(file), fileName: file });
    expect(preview.workflows.map((w) => [w.name, w.steps.map((s) => `${s.method} ${s.name}`)])).toEqual([
      ['Swagger Petstore / pets', ['GET List all pets', 'POST Create a pet', 'GET Info for a specific pet']],
    ]);
    const step = (await t.call('workflows.get', { id: outcome.workflows[0]!.id })).steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    expect(step.config.url).toEqual([{ kind: 'text', text: url }]);
    expect(step.config.query).toEqual([{ key: 'limit', value: [], enabled: false }]);
  });
  it('an operation’s security scheme becomes its auth helper waiting for a key, its example the body (a description written here: no published one at hand has both)', async () => {
    const description = {
      openapi: '3.0.3',
      info: { title: 'Payments', version: '1' },
      servers: [{ url: 'https://api.payments.example.com/v2' }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' }, keyAuth: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
      security: [{ keyAuth: [] }],
      paths: {
        '/charges': {
          post: {
            summary: 'Create a charge',
            security: [{ bearerAuth: [] }],
            requestBody: { content: { 'application/json': { example: { amount: 2000, currency: 'eur' } } } },
            responses: { '201': { description: 'created' } },
          },
        },
        '/balance': { get: { summary: 'Read the balance', responses: { '200': { description: 'ok' } } } },
      },
    };
    const { preview, outcome } = await importAll({ format: 'openapi', text: JSON.stringify(description), fileName: 'payments.json' });
    expect(preview.credentials).toEqual([]);
    expect(preview.warnings).toEqual([
      'Operations that use “bearerAuth” get a bearer token, waiting for a key: insert one in each step’s Authentication.',
      'Operations that use “keyAuth” get an API key in the header X-API-Key, waiting for a key: insert one in each step’s Authentication.',
    ]);
    const [charge, balance] = (await t.call('workflows.get', { id: outcome.workflows[0]!.id })).steps;
    if (charge?.action !== 'http.request' || balance?.action !== 'http.request') throw new Error('not requests');
    expect(charge.config.url).toEqual([{ kind: 'text', text: 'https://api.payments.example.com/v2/charges' }]);
    expect(charge.config.auth).toEqual({ kind: 'bearer', token: [] });
    expect(charge.config.body).toEqual({ kind: 'json', text: [{ kind: 'text', text: JSON.stringify({ amount: 2000, currency: 'eur' }, null, 2) }] });
    expect(balance.config.auth).toEqual({ kind: 'api-key', in: 'header', name: 'X-API-Key', value: [] });
    expect(outcome.keys).toEqual([]);
  });
});

describe('a collection with tokens in variables, auth and headers', () => {
  const live = ['sk', 'live', '51HqLyjWDarjtT1zdp7dcAbCdEfGh'].join('_');
  const bearer = 'Zx9Qm2Lp7Vt4Kw8Rj3Nd6Hb1Yc5';
  const collection = JSON.stringify({
    info: { name: 'Billing', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: [
      { key: 'baseUrl', value: 'https://api.stripe.com' },
      { key: 'stripeKey', value: live },
    ],
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{stripeKey}}', type: 'string' }] },
    item: [
      { name: 'Customers', item: Array.from({ length: 10 }, (_, i) => ({ name: `List ${i}`, request: { method: 'GET', url: '{{baseUrl}}/v1/customers' } })) },
      { name: 'Partner', request: { method: 'POST', url: 'https://partner.example.com/hooks', header: [{ key: 'X-API-Key', value: bearer }], auth: { type: 'noauth' } } },
    ],
  });

  it('ten requests with the same token make one key; renamed, merged and marked in the preview as decided', async () => {
    const source: ImportSource = { format: 'postman', text: collection };
    const preview = await t.call('imports.preview', { source });
    expect(preview.credentials.map((c) => [c.proposedName, c.places.length, c.proposedDomains])).toEqual([
      ['stripeKey', 11, ['api.stripe.com']],
      ['partner.example.com api key', 1, ['partner.example.com']],
    ]);
    expect(preview.variables.find((v) => v.name === 'stripeKey')).toEqual({ name: 'stripeKey', becomes: 'key', value: null, credentialId: 'c1', existing: false, usedBy: 10 });
    const outcome = await t.call('imports.commit', {
      source,
      decisions: {
        credentials: [
          { id: 'c1', action: 'key', name: 'Stripe live' },
          { id: 'c2', action: 'plain' },
        ],
        workflowNames: { w0: 'Partner hooks' },
      },
    });
    expect(outcome.keys.map((k) => k.name)).toEqual(['Stripe live']);
    expect(outcome.keptAsPlainText).toBe(1);
    expect(outcome.workflows.map((w) => w.name)).toEqual(['Partner hooks', 'Billing / Customers']);
    const [key] = await t.call('secrets.list', {});
    expect(key).toMatchObject({ name: 'Stripe live', usedBy: 1 });
    // "Not a secret" stays as text, recorded as kept, so the workflow saves as it is.
    const partner = await t.call('workflows.get', { id: outcome.workflows.find((w) => w.name === 'Partner hooks')!.id });
    await t.call('workflows.save', { id: partner.id, name: partner.name, definition: { trigger: partner.trigger, steps: partner.steps } });
    await expectNowhere(live);
  });

  it('cancelling (never committing) leaves nothing behind', async () => {
    await t.call('imports.preview', { source: { format: 'postman', text: collection } });
    expect(await t.call('workflows.list', {})).toEqual([]);
    expect(await t.call('secrets.list', {})).toEqual([]);
    expect(leaksInFiles(t.userDataDir, live)).toEqual([]);
  });

  it('a key name already taken, or two keys given one name, is refused before anything is created', async () => {
    await t.call('secrets.create', { name: 'Taken', value: 'some-other-value-123' });
    const source: ImportSource = { format: 'postman', text: collection };
    const taken = await t.fail('imports.commit', { source, decisions: { credentials: [{ id: 'c1', action: 'key', name: 'taken' }] } });
    expect(taken).toMatchObject({ code: 'conflict', message: 'Two keys would be named “Taken”: give each a name of its own.' });
    const twice = await t.fail('imports.commit', {
      source,
      decisions: {
        credentials: [
          { id: 'c1', action: 'key', name: 'Same' },
          { id: 'c2', action: 'key', name: 'same' },
        ],
      },
    });
    expect(twice.code).toBe('conflict');
    expect(await t.call('workflows.list', {})).toEqual([]);
    expect((await t.call('secrets.list', {})).map((s) => s.name)).toEqual(['Taken']);
  });
});

describe('.env files', () => {
  it('credentials become keys named after their entries; the rest are listed as variables with their values', async () => {
    const token = READER_TOKENS.github;
    const text = `# local settings\nPORT=3000\nDEBUG=true\nGITHUB_TOKEN=${token}\nDATABASE_PASSWORD="Wonderland-42!"\nAPI_BASE=https://api.example.com\n`;
    const { preview, outcome } = await importAll({ format: 'env', text, fileName: '.env' });
    expect(preview.credentials.map((c) => [c.proposedName, c.ruleName, c.places])).toEqual([
      ['GITHUB_TOKEN', 'GitHub token', ['.env GITHUB_TOKEN']],
      ['DATABASE_PASSWORD', 'Password', ['.env DATABASE_PASSWORD']],
    ]);
    expect(preview.variables.filter((v) => v.value !== null).map((v) => [v.name, v.value])).toEqual([
      ['PORT', '3000'],
      ['DEBUG', 'true'],
      ['API_BASE', 'https://api.example.com'],
    ]);
    expect(outcome.keys.map((k) => k.name)).toEqual(['GITHUB_TOKEN', 'DATABASE_PASSWORD']);
    expect(outcome.workflows).toEqual([]);
    await expectNowhere(token);
    await expectNowhere('Wonderland-42!');
  });

  it('a SendGrid key in a .env file is proposed as a SendGrid key (no request field limits its type)', async () => {
    const preview = await t.call('imports.preview', { source: { format: 'env', text: `SENDGRID_API_KEY=${READER_TOKENS.sendgrid}\n` } });
    expect(preview.credentials[0]).toMatchObject({ proposedType: 'sendgrid', proposedDomains: ['api.sendgrid.com'] });
  });
});

describe('bad input: a clear error naming the problem, nothing created', () => {
  const cases: [string, ImportSource, RegExp][] = [
    ['malformed cURL', { format: 'curl', text: 'curl "https://api.example.com -H' }, /not a cURL command curl would accept|holds no curl command/],
    ['not cURL at all', { format: 'curl', text: 'wget https://example.com' }, /holds no curl command/],
    [
      'a Postman collection v1',
      { format: 'postman', text: fixture('newman-v1.postman_collection.json'), fileName: 'v1.postman_collection.json' },
      /“v1\.postman_collection\.json” is a Postman collection v1, which Keyflow doesn’t read\. In Postman, export it again as Collection v2\.1/,
    ],
    [
      'a collection of an unknown version',
      { format: 'postman', text: JSON.stringify({ info: { name: 'x', schema: 'https://schema.getpostman.com/json/collection/v3.0.0/collection.json' }, item: [] }) },
      /is a Postman collection v3\.0\.0; Keyflow reads v2\.0 and v2\.1/,
    ],
    [
      'an OpenAPI file with a broken $ref',
      {
        format: 'openapi',
        text: fixture('oai-petstore-v3.0.yaml').replace('#/components/schemas/Pets"\n        default', '#/components/schemas/Pest"\n        default'),
        fileName: 'petstore.yaml',
      },
      /“petstore\.yaml” has a broken \$ref: #\/components\/schemas\/Pest \(at #\/paths\/~1pets\/get\/responses\/200\/content\/application~1json\/schema\) points to nothing in the file\./,
    ],
    [
      'an OpenAPI file that points to another file',
      { format: 'openapi', text: fixture('oai-petstore-v3.0.yaml').replace('#/components/schemas/Error"', 'https://evil.example.com/x.json#/E"') },
      /refers to another file or URL .* fetches nothing/,
    ],
    [
      'a binary file',
      { format: 'postman', text: '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', fileName: 'logo.png' },
      /“logo\.png” is a binary file, not a Postman collection\./,
    ],
    ['a file that is not JSON', { format: 'postman', text: '{"info": {"name": "x", ', fileName: 'broken.json' }, /“broken\.json” is not valid JSON/],
    ['an empty .env', { format: 'env', text: '   \n' }, /is empty/],
  ];
  it.each(cases)('%s', async (_what, source, message) => {
    const preview = await t.fail('imports.preview', { source });
    expect(preview).toMatchObject({ code: 'invalid_request', field: 'source' });
    expect(preview.message).toMatch(message);
    const commit = await t.fail('imports.commit', { source, decisions: { credentials: [] } });
    expect(commit.message).toBe(preview.message);
    expect(await t.call('workflows.list', {})).toEqual([]);
    expect(await t.call('secrets.list', {})).toEqual([]);
  });

  it('a 50 MB file is refused by size, unread', async () => {
    const error = await t.fail('imports.preview', { source: { format: 'openapi', text: 'a'.repeat(50 * 1024 * 1024), fileName: 'huge.json' } });
    expect(error).toMatchObject({ code: 'invalid_request', message: '“huge.json” is 50.0 MB; Keyflow imports files up to 20 MB.' });
    expect(await t.call('workflows.list', {})).toEqual([]);
  });

  it('no detected value reaches an error message or the log, whatever breaks the parse', async () => {
    const token = READER_TOKENS.github;
    const broken = [
      `curl -H "Authorization: Bearer ${token}" "https://x.test`,
      `{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [{"name": "${token}"`,
      `openapi: 3.0.0\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n      parameters: [{name: ${token}, in: header, schema: {$ref: "#/nope/${token}"}}]\n`,
      `swagger: "2.0"\ninfo: {title: x, version: "1"}\nhost: ${token}\npaths: {"/a": {"get": {"responses": {"200": {"description": 5}}}}}\n`,
    ];
    const formats = ['curl', 'postman', 'openapi', 'openapi'] as const;
    for (const [index, text] of broken.entries()) {
      const response = await t.core.dispatch('imports.preview', { source: { format: formats[index]!, text } });
      expect(JSON.stringify(response)).not.toContain(token);
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('curl', 'postman', 'openapi', 'env'), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), async (format, before, after) => {
        const response = await t.core.dispatch('imports.preview', { source: { format, text: `${before}${token}${after}` } });
        expect(JSON.stringify(response)).not.toContain(token);
      }),
      { numRuns: 60 },
    );
    expect(leaksInFiles(t.userDataDir, token)).toEqual([]);
  });
});

describe('the Security check and saving', () => {
  const token = READER_TOKENS.github;
  async function workflowWithToken(name: string) {
    const workflow = await t.call('workflows.create', { name });
    const steps = [
      {
        id: 'step_a',
        name: 'Call',
        action: 'http.request' as const,
        config: {
          method: 'GET' as const,
          url: [{ kind: 'text' as const, text: 'https://api.github.com/user' }],
          query: [],
          headers: [{ key: 'Authorization', value: [{ kind: 'text' as const, text: `Bearer ${token}` }], enabled: true }],
          body: { kind: 'none' as const },
          auth: { kind: 'none' as const },
          timeoutMs: 30_000,
        },
      },
    ];
    return { workflow, steps };
  }

  it('saving refuses an unconverted credential, naming step, field and rule, never the value; keep as plain text lets it save', async () => {
    const { workflow, steps } = await workflowWithToken('Profile');
    const error = await t.fail('workflows.save', { id: workflow.id, name: 'Profile', definition: { trigger: { kind: 'manual' }, steps } });
    expect(error).toEqual({
      code: 'invalid_request',
      field: 'definition',
      message: 'Step 1 “Call”, Header Authorization: holds a github token in plain text. Convert it to a secret key, or choose Keep as plain text.',
    });
    // Kept as plain text, by the value's fingerprint, in that step.
    await t.call('workflows.save', { id: workflow.id, name: 'Profile', definition: { trigger: { kind: 'manual' }, steps: [{ ...steps[0]!, plainText: [fingerprintOf(token)] }] } });
  });

  it('lists a literal in two workflows as one finding; Convert makes one key and a chip in both; the token is then nowhere', async () => {
    const echo: EchoServer = await startEchoServer();
    try {
      for (const name of ['First', 'Second']) {
        const { workflow, steps } = await workflowWithToken(name);
        steps[0]!.config.url = [{ kind: 'text', text: `${echo.url}/user` }];
        await t.call('workflows.save', { id: workflow.id, name, definition: { trigger: { kind: 'manual' }, steps: [{ ...steps[0]!, plainText: [fingerprintOf(token)] }] } });
      }
      const findings = await t.call('security.scan', {});
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ kind: 'literal', ruleName: 'GitHub token', hint: token.slice(-4), proposedDomains: ['127.0.0.1'] });
      const [finding] = findings;
      if (finding?.kind !== 'literal') throw new Error('expected a literal finding');
      expect(finding.places.map((p) => [p.workflowName, p.fieldLabel, p.keptAsPlainText])).toEqual([
        ['First', 'Header Authorization', true],
        ['Second', 'Header Authorization', true],
      ]);
      const converted = await t.call('security.convert', { id: findings[0]!.id, name: 'GitHub', allowedDomains: ['127.0.0.1'] });
      responses = [];
      expect(converted.workflows).toBe(2);
      expect(await t.call('security.scan', {})).toEqual([]);
      const first = (await t.call('workflows.list', {})).find((w) => w.name === 'First')!;
      const step = (await t.call('workflows.get', { id: first.id })).steps[0]!;
      expect(step.plainText).toBeUndefined();
      const run = await t.call('runs.start', { workflowId: first.id });
      await expect.poll(async () => (await t.call('runs.get', { id: run.id })).status).toBe('ok');
      expect(events.some((event) => event.includes('run.progress'))).toBe(true);
      expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${token}`);
      const runText = JSON.stringify(await t.call('runs.get', { id: run.id }));
      expect(runText).not.toContain(token);
      await expectNowhere(token);
    } finally {
      await echo.close();
    }
  });

  it('a variable holding a token in one environment is a finding; Convert makes the whole variable a key, its chips the key’s, and the token is then nowhere', async () => {
    const echo: EchoServer = await startEchoServer();
    try {
      const production = (await t.call('environments.create', { name: 'Production' })).environments.find((environment) => environment.name === 'Production')!;
      // Named so only Production's text is a credential by its form (a name such as API_TOKEN makes every text one).
      const view = await t.call('variables.create', { name: 'gh', values: { default: 'dev-for-localhost', [production.id]: token } });
      const variableId = view.variables.find((variable) => variable.name === 'gh')!.id;
      const variable = { kind: 'variable' as const, variableId };
      const workflow = await t.call('workflows.create', { name: 'Profile' });
      const steps = [
        httpStep('Call', { url: text(`${echo.url}/user`), headers: [{ key: 'Authorization', value: [{ kind: 'text', text: 'Bearer ' }, variable], enabled: true }] }),
        codeStep('Length', 'return input.token.length;', [{ name: 'token', value: [variable] }]),
      ];
      await t.call('workflows.save', { id: workflow.id, name: 'Profile', definition: { trigger: { kind: 'manual' }, steps } });

      const findings = await t.call('security.scan', {});
      expect(findings).toEqual([
        {
          kind: 'variable',
          id: variableId,
          variableName: 'gh',
          ruleId: expect.any(String),
          ruleName: 'GitHub token',
          hint: token.slice(-4),
          environments: [{ id: production.id, name: 'Production' }],
          workflows: [{ id: workflow.id, name: 'Profile' }],
          proposedName: 'gh',
          proposedDomains: ['127.0.0.1'],
        },
      ]);
      // A variable can't keep a credential as plain text: that names a literal by its fingerprint.
      expect(await t.fail('security.keepPlainText', { id: variableId })).toMatchObject({ code: 'invalid_request', field: 'id' });

      const converted = await t.call('security.convertVariable', { variableId, name: 'GitHub token', allowedDomains: ['127.0.0.1'] });
      responses = [];
      expect(converted).toMatchObject({ workflows: 1, key: { name: 'GitHub token', readableByRunCode: true, allowedDomains: ['127.0.0.1'] } });
      expect(converted.key.values.map((value) => value.environmentId).sort()).toEqual(['default', production.id].sort());
      expect(await t.call('security.scan', {})).toEqual([]);
      expect((await t.call('environments.list', {})).variables).toEqual([]);
      const saved = await t.call('workflows.get', { id: workflow.id });
      const chip = { kind: 'secret', secretId: converted.key.id };
      expect(
        saved.steps.map((step) => (step.action === 'http.request' ? step.config.headers[0]!.value : step.action === 'code.run' ? step.config.variables[0]!.value : null)),
      ).toEqual([[{ kind: 'text', text: 'Bearer ' }, chip], [chip]]);

      // Each environment gets what it got before: now a secret, masked in what the run keeps.
      for (const [environmentId, sent] of [
        [production.id, token],
        ['default', 'dev-for-localhost'],
      ] as const) {
        const run = await t.call('runs.start', { workflowId: workflow.id, environmentId, confirm: true });
        await expect.poll(async () => (await t.call('runs.get', { id: run.id })).status).toBe('ok');
        expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${sent}`);
        expect(JSON.stringify(await t.call('runs.get', { id: run.id }))).not.toContain(sent);
      }
      await expectNowhere(token);
    } finally {
      await echo.close();
    }
  });

  it('converting a variable that no longer exists, or under a key name taken, changes nothing', async () => {
    const view = await t.call('variables.create', { name: 'SECRET', values: { default: READER_TOKENS.github } });
    const variableId = view.variables[0]!.id;
    await t.call('secrets.create', { name: 'Taken', value: 'some-value-0123456789' });
    expect(await t.fail('security.convertVariable', { variableId, name: 'taken' })).toMatchObject({ code: 'conflict', field: 'name' });
    expect(await t.fail('security.convertVariable', { variableId: 'var_gone', name: 'Fresh' })).toMatchObject({ code: 'not_found', field: 'variableId' });
    expect((await t.call('secrets.list', {})).map((key) => key.name)).toEqual(['Taken']);
    // The variable is still there, holding its text (the scan names it without the text).
    expect(await t.call('security.scan', {})).toMatchObject([{ kind: 'variable', id: variableId, variableName: 'SECRET', environments: [{ id: 'default' }] }]);
  });
});
