/**
 * Imports meet environments (real keychain, real SQLite, a real server on 127.0.0.1): a
 * Postman collection's variables become Keyflow variables and their references chips; a
 * Postman environment file becomes an environment, its secrets keys with a value there
 * (a second environment file gives the same keys their second value); a .env file goes to
 * the environment the person picks. The same imported workflow then runs in each
 * environment with that environment's values, and no token is left anywhere.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSource } from '../../shared/model/imports';
import { DEFAULT_ENVIRONMENT_ID } from '../../shared/model/environment';
import { openCore, type TestCore, finishedRun } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { leaksInFiles } from '../support/canary';
import { READER_TOKENS } from '../unit/imports/published-curl';

let echo: EchoServer;
let t: TestCore;
let responses: string[];
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
beforeEach(async () => {
  t = await openCore();
  echo.received.length = 0;
  responses = [];
  const dispatch = t.core.dispatch;
  t.core.dispatch = async (name, args) => {
    const response = await dispatch(name, args);
    responses.push(JSON.stringify(response));
    return response;
  };
});
afterEach(() => t.core.close());

/** The token is nowhere: not in any bridge response, workflow, export, the database, its WAL or the logs. */
async function expectNowhere(token: string) {
  for (const summary of await t.call('workflows.list', {})) {
    expect(JSON.stringify(await t.call('workflows.get', { id: summary.id }))).not.toContain(token);
    expect(JSON.stringify(await t.call('workflows.export', { id: summary.id }))).not.toContain(token);
  }
  expect(responses.filter((response) => response.includes(token))).toEqual([]);
  expect(leaksInFiles(t.userDataDir, token)).toEqual([]);
}

const collection = (variables: { key: string; value: string; type?: string }[], header: string) =>
  JSON.stringify({
    info: { name: 'Accounts', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable: variables,
    item: [{ name: 'Who am I', request: { method: 'GET', url: '{{baseUrl}}/accounts/{{accountId}}', header: [{ key: 'Authorization', value: header }] } }],
  });

const environmentFile = (name: string, values: { key: string; value: string; type?: string }[]) =>
  JSON.stringify({ id: `env-${name}`, name, values: values.map((value) => ({ ...value, enabled: true })), _postman_variable_scope: 'environment' });

describe('a Postman collection’s variables', () => {
  it('become Keyflow variables in the first environment and its {{references}} their chips; a token among them a key; the run sends both', async () => {
    const token = READER_TOKENS.github;
    const source: ImportSource = {
      format: 'postman',
      text: collection(
        [
          { key: 'baseUrl', value: echo.url },
          { key: 'accountId', value: 'acct_42' },
          { key: 'token', value: token },
        ],
        'Bearer {{token}}',
      ),
    };
    const preview = await t.call('imports.preview', { source });
    expect(preview.environment).toEqual({ id: DEFAULT_ENVIRONMENT_ID, name: 'Default' });
    expect(preview.variables).toEqual([
      { name: 'baseUrl', becomes: 'variable', value: echo.url, credentialId: null, existing: false, usedBy: 1 },
      { name: 'accountId', becomes: 'variable', value: 'acct_42', credentialId: null, existing: false, usedBy: 1 },
      { name: 'token', becomes: 'key', value: null, credentialId: 'c1', existing: false, usedBy: 1 },
    ]);
    // The host is known from the variable's value: the key is proposed for it alone.
    expect(preview.credentials).toEqual([expect.objectContaining({ id: 'c1', proposedName: 'token', proposedDomains: ['127.0.0.1'], existingKey: null })]);
    expect(preview.workflows[0]!.steps[0]!.url).toEqual([
      { kind: 'variable', name: 'baseUrl' },
      { kind: 'text', text: '/accounts/' },
      { kind: 'variable', name: 'accountId' },
    ]);

    const outcome = await t.call('imports.commit', { source, decisions: { credentials: [] } });
    expect(outcome.environment).toEqual({ id: DEFAULT_ENVIRONMENT_ID, name: 'Default' });
    expect(outcome.variables.map((variable) => variable.name)).toEqual(['baseUrl', 'accountId']);
    const { variables } = await t.call('environments.list', {});
    expect(variables.map((variable) => [variable.name, variable.values])).toEqual([
      ['accountId', { [DEFAULT_ENVIRONMENT_ID]: 'acct_42' }],
      ['baseUrl', { [DEFAULT_ENVIRONMENT_ID]: echo.url }],
    ]);
    const byName = new Map(variables.map((variable) => [variable.name, variable.id]));
    const step = (await t.call('workflows.get', { id: outcome.workflows[0]!.id })).steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    expect(step.config.url).toEqual([
      { kind: 'variable', variableId: byName.get('baseUrl') },
      { kind: 'text', text: '/accounts/' },
      { kind: 'variable', variableId: byName.get('accountId') },
    ]);
    expect(step.config.headers[0]!.value).toEqual([
      { kind: 'text', text: 'Bearer ' },
      { kind: 'secret', secretId: outcome.keys[0]!.id },
    ]);

    const run = await finishedRun(t, (await t.call('runs.start', { workflowId: outcome.workflows[0]!.id })).id);
    expect(run.status).toBe('ok');
    expect(echo.received.at(-1)).toMatchObject({ url: '/accounts/acct_42', headers: expect.objectContaining({ authorization: `Bearer ${token}` }) });
    await expectNowhere(token);
  });

  it('leaves what Keyflow variables can’t hold written in: Postman’s {{$guid}}, a value only partly a credential', async () => {
    const token = READER_TOKENS.slack;
    const source: ImportSource = {
      format: 'postman',
      text: collection(
        [
          { key: 'baseUrl', value: `${echo.url}/v1` },
          { key: 'accountId', value: 'acct_7' },
          { key: 'auth', value: `Bearer ${token}` },
        ],
        '{{auth}}',
      ),
    };
    const preview = await t.call('imports.preview', { source });
    expect(preview.variables.find((variable) => variable.name === 'auth')).toMatchObject({ becomes: 'written-in', credentialId: null });
    const outcome = await t.call('imports.commit', { source, decisions: { credentials: [] } });
    const step = (await t.call('workflows.get', { id: outcome.workflows[0]!.id })).steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    expect(step.config.headers[0]!.value).toEqual([
      { kind: 'text', text: 'Bearer ' },
      { kind: 'secret', secretId: outcome.keys[0]!.id },
    ]);

    const guid: ImportSource = {
      format: 'postman',
      text: collection(
        [
          { key: 'baseUrl', value: echo.url },
          { key: 'accountId', value: '7' },
        ],
        'Bearer {{$guid}}',
      ),
    };
    const dynamic = await t.call('imports.preview', { source: guid });
    expect(dynamic.variables.find((variable) => variable.name === '$guid')).toMatchObject({ becomes: 'written-in', value: null });
    await expectNowhere(token);
  });
});

describe('Postman environment files', () => {
  const staging = ['ghp', 'S7aG1nGt0kEnVaLuE4x9Qm2Lp7Vt4Kw8Rj3N'].join('_');
  const production = ['ghp', 'P9rOdTk3nVaLuE2x8Qm4Lp1Vt6Kw3Rj7Nd5H'].join('_');

  it('Staging then Production: two environments, one key with a value in each, the base URL a variable with a value in each; the collection imported next runs in each with its own', async () => {
    const stagingFile: ImportSource = {
      format: 'postman',
      fileName: 'Staging.postman_environment.json',
      text: environmentFile('Staging', [
        { key: 'baseUrl', value: `${echo.url}/staging` },
        { key: 'accountId', value: 'me' },
        { key: 'apiKey', value: staging, type: 'secret' },
      ]),
    };
    const first = await t.call('imports.preview', { source: stagingFile });
    expect(first.environment).toEqual({ id: null, name: 'Staging' });
    expect(first.workflows).toEqual([]);
    expect(first.credentials).toEqual([expect.objectContaining({ proposedName: 'apiKey', existingKey: null, places: ['environment variable apiKey'] })]);
    const made = await t.call('imports.commit', { source: stagingFile, decisions: { credentials: [] } });
    expect(made.environment?.name).toBe('Staging');
    expect(made.keys.map((key) => key.name)).toEqual(['apiKey']);

    const productionFile: ImportSource = {
      format: 'postman',
      fileName: 'Production.postman_environment.json',
      text: environmentFile('Production', [
        { key: 'baseUrl', value: `${echo.url}/production` },
        { key: 'accountId', value: 'me' },
        { key: 'apiKey', value: production, type: 'secret' },
      ]),
    };
    const second = await t.call('imports.preview', { source: productionFile });
    expect(second.environment).toEqual({ id: null, name: 'Production' });
    expect(second.credentials).toEqual([expect.objectContaining({ proposedName: 'apiKey', existingKey: { id: made.keys[0]!.id, name: 'apiKey' } })]);
    expect(second.variables).toEqual([
      { name: 'baseUrl', becomes: 'variable', value: `${echo.url}/production`, credentialId: null, existing: true, usedBy: 0 },
      { name: 'accountId', becomes: 'variable', value: 'me', credentialId: null, existing: true, usedBy: 0 },
      { name: 'apiKey', becomes: 'key', value: null, credentialId: 'c1', existing: false, usedBy: 0 },
    ]);
    const valued = await t.call('imports.commit', { source: productionFile, decisions: { credentials: [] } });
    expect(valued.keys).toEqual([]);
    expect(valued.keyValues).toEqual([{ id: made.keys[0]!.id, name: 'apiKey' }]);

    const view = await t.call('environments.list', {});
    const ids = Object.fromEntries(view.environments.map((environment) => [environment.name, environment.id]));
    expect(Object.keys(ids)).toEqual(['Default', 'Staging', 'Production']);
    expect(view.variables.map((variable) => [variable.name, variable.values])).toEqual([
      ['accountId', { [ids.Staging!]: 'me', [ids.Production!]: 'me' }],
      ['baseUrl', { [ids.Staging!]: `${echo.url}/staging`, [ids.Production!]: `${echo.url}/production` }],
    ]);
    const [key] = await t.call('secrets.list', {});
    expect(key!.values.map((entry) => entry.environmentId)).toEqual([ids.Staging, ids.Production]);

    // The collection refers to both without defining them: it gets the variable's and the key's chips.
    const requests: ImportSource = { format: 'postman', text: collection([], 'Bearer {{apiKey}}') };
    const third = await t.call('imports.preview', { source: requests });
    expect(third.variables).toEqual([
      { name: 'baseUrl', becomes: 'variable', value: null, credentialId: null, existing: true, usedBy: 1 },
      { name: 'accountId', becomes: 'variable', value: null, credentialId: null, existing: true, usedBy: 1 },
      { name: 'apiKey', becomes: 'key', value: null, credentialId: null, existing: true, usedBy: 1 },
    ]);
    expect(third.credentials).toEqual([]);
    expect(third.environment).toBeNull();
    const imported = await t.call('imports.commit', { source: requests, decisions: { credentials: [] } });
    expect(imported).toMatchObject({ keys: [], keyValues: [], variables: [], environment: null });
    const workflow = imported.workflows[0]!;
    const step = (await t.call('workflows.get', { id: workflow.id })).steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    expect(step.config.headers[0]!.value).toEqual([
      { kind: 'text', text: 'Bearer ' },
      { kind: 'secret', secretId: key!.id },
    ]);

    for (const [environment, token] of [
      ['Staging', staging],
      ['Production', production],
    ] as const) {
      const run = await finishedRun(t, (await t.call('runs.start', { workflowId: workflow.id, environmentId: ids[environment]! })).id);
      expect(run.status, environment).toBe('ok');
      expect(echo.received.at(-1)).toMatchObject({ url: `/${environment.toLowerCase()}/accounts/me`, headers: expect.objectContaining({ authorization: `Bearer ${token}` }) });
    }
    // Default has neither: the run stops before sending, naming what is missing.
    const before = echo.received.length;
    const missing = await finishedRun(t, (await t.call('runs.start', { workflowId: workflow.id, environmentId: DEFAULT_ENVIRONMENT_ID })).id);
    expect(missing.status).toBe('failed');
    expect(echo.received.length).toBe(before);
    await expectNowhere(staging);
    await expectNowhere(production);
  });

  it('a key’s value already there is never replaced unasked; asked for by the key’s id, it is', async () => {
    const file = (name: string, token: string): ImportSource => ({ format: 'postman', text: environmentFile(name, [{ key: 'apiKey', value: token, type: 'secret' }]) });
    const made = await t.call('imports.commit', { source: file('Staging', staging), decisions: { credentials: [] } });
    const keyId = made.keys[0]!.id;
    // Staging exists now and the key has a value there: the preview proposes a new key instead.
    const again = await t.call('imports.preview', { source: file('Staging', production) });
    expect(again.credentials[0]).toMatchObject({ existingKey: null, proposedName: 'apiKey (2)' });
    // Proposed for a new Production, sent to Staging (keyflow import --env Staging): refused before anything changes.
    const elsewhere = await t.fail('imports.commit', { source: file('Production', production), decisions: { credentials: [], environment: { name: 'Staging' } } });
    expect(elsewhere).toMatchObject({ code: 'conflict', message: expect.stringContaining('“apiKey” already has a value in Staging') });
    const gone = await t.fail('imports.commit', {
      source: file('Production', production),
      decisions: { credentials: [{ id: 'c1', action: 'key', keyId }], environment: { id: 'env_nope' } },
    });
    expect(gone).toMatchObject({ code: 'not_found', message: 'That environment no longer exists: preview the import again.' });
    expect((await t.call('secrets.list', {})).map((secret) => [secret.name, secret.values.length])).toEqual([['apiKey', 1]]);
    expect((await t.call('environments.list', {})).environments.map((environment) => environment.name)).toEqual(['Default', 'Staging']);

    const replaced = await t.call('imports.commit', { source: file('Staging', production), decisions: { credentials: [{ id: 'c1', action: 'key', keyId }] } });
    expect(replaced.keyValues).toEqual([{ id: keyId, name: 'apiKey' }]);
    const [key] = await t.call('secrets.list', {});
    expect(key!.values).toEqual([expect.objectContaining({ valueVersion: 2 })]);
    await expectNowhere(staging);
    await expectNowhere(production);
  });
});

describe('.env files', () => {
  it('go to the environment picked — an existing one, or a new one by name — credentials as keys, the rest as variables', async () => {
    const token = READER_TOKENS.sendgrid;
    const text = `API_BASE=https://api.sendgrid.com\nFROM_EMAIL=team@example.com\nSENDGRID_API_KEY=${token}\n`;
    const ci = (await t.call('environments.create', { name: 'CI' })).environments.find((environment) => environment.name === 'CI')!;
    const preview = await t.call('imports.preview', { source: { format: 'env', text, fileName: '.env.ci' } });
    expect(preview.environment).toEqual({ id: DEFAULT_ENVIRONMENT_ID, name: 'Default' });
    const outcome = await t.call('imports.commit', { source: { format: 'env', text, fileName: '.env.ci' }, decisions: { credentials: [], environment: { id: ci.id } } });
    expect(outcome).toMatchObject({ environment: { id: ci.id, name: 'CI' }, keys: [{ name: 'SENDGRID_API_KEY' }], workflows: [] });
    const view = await t.call('environments.list', {});
    expect(view.variables.map((variable) => [variable.name, variable.values])).toEqual([
      ['API_BASE', { [ci.id]: 'https://api.sendgrid.com' }],
      ['FROM_EMAIL', { [ci.id]: 'team@example.com' }],
    ]);
    const [key] = await t.call('secrets.list', {});
    expect(key).toMatchObject({ type: 'sendgrid', values: [expect.objectContaining({ environmentId: ci.id })] });

    const local = await t.call('imports.commit', {
      source: { format: 'env', text: 'API_BASE=http://localhost:3000\n' },
      decisions: { credentials: [], environment: { name: 'Local' } },
    });
    expect(local.environment?.name).toBe('Local');
    const after = await t.call('environments.list', {});
    expect(after.environments.map((environment) => environment.name)).toEqual(['Default', 'CI', 'Local']);
    expect(after.variables.find((variable) => variable.name === 'API_BASE')!.values).toEqual({
      [ci.id]: 'https://api.sendgrid.com',
      [local.environment!.id]: 'http://localhost:3000',
    });
    const bad = await t.fail('imports.commit', { source: { format: 'env', text: 'A=1\n' }, decisions: { credentials: [], environment: { name: ' ' } } });
    expect(bad).toMatchObject({ code: 'invalid_request', message: 'New environment: Name is required.' });
    await expectNowhere(token);
  });
});
