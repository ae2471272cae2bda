/**
 * Environments through the bridge (real keychain, real SQLite, a real server on 127.0.0.1):
 * one workflow, the right value for each environment, variables, protected environments,
 * the refusals that stop a run before it sends anything, and the command line's --env.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Template } from '../../shared/model/template';
import { maskFor } from '../../electron/core/redaction/redactor';
import { openCore, type TestCore, finishedRun } from '../support/core';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { ROOT, tempDir } from '../support/host-process';
import { codeStep, definition, httpStep, s, t } from '../support/steps';

let echo: EchoServer;
let core: TestCore;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
beforeEach(async () => {
  core = await openCore();
  echo.received.length = 0;
});
afterEach(() => core.core.close());

const v = (variableId: string): Template => [{ kind: 'variable', variableId }];

/** Two environments besides Default, a key with a value in each, a base URL variable, and a workflow using both. */
async function setUp() {
  const staging = (await core.call('environments.create', { name: 'Staging' })).environments.find((e) => e.name === 'Staging')!;
  const production = (await core.call('environments.create', { name: 'Production' })).environments.find((e) => e.name === 'Production')!;
  const values = { default: canaryValue('dev'), staging: canaryValue('staging'), production: canaryValue('prod') };
  const key = await core.call('secrets.create', { name: 'API token', value: values.default, readableByRunCode: true });
  await core.call('secrets.updateValue', { id: key.id, value: values.staging, environmentId: staging.id });
  await core.call('secrets.updateValue', { id: key.id, value: values.production, environmentId: production.id });
  const base = await core.call('variables.create', {
    name: 'base_url',
    values: { default: `${echo.url}/dev`, [staging.id]: `${echo.url}/staging`, [production.id]: `${echo.url}/prod` },
  });
  const variable = base.variables.find((item) => item.name === 'base_url')!;
  const workflow = await core.call('workflows.create', { name: 'Charge' });
  await core.call('workflows.save', {
    id: workflow.id,
    name: workflow.name,
    definition: definition(
      httpStep('Call API', { url: [...v(variable.id), { kind: 'text', text: '/charge' }], auth: { kind: 'bearer', token: s(key.id) } }),
      codeStep('Echo it', 'return { token: input.token };', [{ name: 'token', value: s(key.id) }]),
    ),
  });
  return { staging, production, values, key, variable, workflow };
}

describe('environments', () => {
  it('runs one workflow in each environment with that environment’s key value and variables, and masks every environment’s values', async () => {
    const { staging, production, values, workflow } = await setUp();
    const listed = await core.call('environments.list', {});
    expect(listed.environments.map((e) => [e.name, e.protected, e.canRun])).toEqual([
      ['Default', false, true],
      ['Staging', false, true],
      ['Production', false, true],
    ]);

    const inStaging = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id, environmentId: staging.id })).id);
    expect(inStaging.status).toBe('ok');
    expect(inStaging.environment).toEqual({ id: staging.id, name: 'Staging' });
    expect(echo.received.at(-1)).toMatchObject({ url: '/staging/charge', headers: { authorization: `Bearer ${values.staging}` } });
    expect(inStaging.steps[1]!.output).toEqual({ token: maskFor('API token') });

    const inProduction = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id, environmentId: production.id })).id);
    expect(echo.received.at(-1)).toMatchObject({ url: '/prod/charge', headers: { authorization: `Bearer ${values.production}` } });
    // The workflow remembers where it last ran; history says where each run ran.
    expect(await core.call('runs.environment', { workflowId: workflow.id })).toEqual({ environmentId: production.id });
    const again = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id })).id);
    expect(again.environment?.name).toBe('Production');
    expect((await core.call('runs.list', { workflowId: workflow.id })).map((run) => run.environment?.name)).toEqual(['Production', 'Production', 'Staging']);

    // No environment's value is in any run, the list, or the files.
    for (const value of Object.values(values)) {
      for (const run of [inStaging, inProduction, again]) expect(leakedForms(JSON.stringify(run), value)).toEqual([]);
      expect(leakedForms(JSON.stringify(await core.call('secrets.list', {})), value)).toEqual([]);
      expect(leaksInFiles(core.userDataDir, value)).toEqual([]);
    }
    // Production's value, rebuilt by code in a run in Staging (from a variable holding it reversed), is masked too.
    const reversed = (await core.call('variables.create', { name: 'reversed', values: { [staging.id]: [...values.production].reverse().join('') } })).variables.find(
      (item) => item.name === 'reversed',
    )!;
    const cross = await core.call('workflows.create', { name: 'Cross' });
    await core.call('workflows.save', {
      id: cross.id,
      name: cross.name,
      definition: definition(codeStep('Rebuild', "return input.r.split('').reverse().join('');", [{ name: 'r', value: v(reversed.id) }])),
    });
    const rebuilt = await finishedRun(core, (await core.call('runs.start', { workflowId: cross.id, environmentId: staging.id })).id);
    expect(rebuilt.steps[0]!.output).toBe(maskFor('API token'));
  });

  it('fails before sending anything when a key or a variable has no value in the environment, naming step, field, key and environment', async () => {
    const { staging, key, variable, workflow } = await setUp();
    const qa = (await core.call('environments.create', { name: 'QA' })).environments.find((e) => e.name === 'QA')!;
    let run = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id, environmentId: qa.id })).id);
    expect(run.status).toBe('failed');
    expect(run.steps.map((step) => step.status)).toEqual(['failed', 'skipped']);
    expect(run.steps[0]!.error!.message).toBe(
      'Step 1 “Call API”, field URL: the variable “base_url” has no value in QA. Give it one (Environments), or run in another environment. Nothing was sent.',
    );
    await core.call('variables.setValue', { id: variable.id, environmentId: qa.id, value: `${echo.url}/qa` });
    run = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id, environmentId: qa.id })).id);
    expect(run.steps[0]!.error!.message).toBe(
      'Step 1 “Call API”, field Bearer token: the secret key “API token” has no value in QA. Give it one (Secret Keys ▸ Edit value), or run in another environment. Nothing was sent.',
    );
    // A value removed from one environment: the same refusal there, the others unchanged.
    await core.call('secrets.clearValue', { id: key.id, environmentId: staging.id });
    run = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id, environmentId: staging.id })).id);
    expect(run.steps[0]!.error!.message).toMatch(/the secret key “API token” has no value in Staging/);
    expect(echo.received).toEqual([]);
    expect((await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id, environmentId: 'default' })).id)).status).toBe('ok');
  });

  it('asks for confirmation to run in a protected environment, and refuses an unknown one', async () => {
    const { production, workflow } = await setUp();
    await core.call('environments.setProtection', { id: production.id, protected: true, runGrants: [] });
    expect(await core.fail('runs.start', { workflowId: workflow.id, environmentId: production.id })).toEqual({
      code: 'invalid_request',
      field: 'confirm',
      message: 'Production is protected: confirm that you mean to run in it. Nothing was run.',
    });
    expect(echo.received).toEqual([]);
    const run = await finishedRun(core, (await core.call('runs.start', { workflowId: workflow.id, environmentId: production.id, confirm: true })).id);
    expect(run.status).toBe('ok');
    expect(await core.fail('runs.start', { workflowId: workflow.id, environmentId: 'env_nope' })).toMatchObject({ code: 'not_found', field: 'environmentId' });
  });

  it('renames, reorders and deletes environments; a deletion takes its values with it and lists them first', async () => {
    const { staging, production, key, variable } = await setUp();
    expect((await core.call('environments.rename', { id: staging.id, name: 'Pre-production' })).environments.map((e) => e.name)).toEqual([
      'Default',
      'Pre-production',
      'Production',
    ]);
    expect(await core.fail('environments.rename', { id: staging.id, name: 'production' })).toMatchObject({ code: 'conflict', field: 'name' });
    expect(await core.fail('environments.create', { name: ' ' })).toMatchObject({ code: 'invalid_request', field: 'name' });
    const order = [production.id, 'default', staging.id];
    expect((await core.call('environments.reorder', { ids: order })).environments.map((e) => e.id)).toEqual(order);
    expect(await core.fail('environments.reorder', { ids: [production.id] })).toMatchObject({ code: 'invalid_request' });

    expect(await core.call('environments.previewDelete', { id: production.id })).toEqual({
      environment: { id: production.id, name: 'Production' },
      keys: [{ id: key.id, name: 'API token' }],
      variables: [{ id: variable.id, name: 'base_url' }],
    });
    const after = await core.call('environments.delete', { id: production.id });
    expect(after.environments.map((e) => e.name)).toEqual(['Default', 'Pre-production']);
    expect(after.variables[0]!.values[production.id]).toBeUndefined();
    expect((await core.call('secrets.list', {}))[0]!.values.map((entry) => entry.environmentId)).toEqual(['default', staging.id]);
    expect(core.peek('SELECT COUNT(*) AS n FROM secret_values WHERE environment_id = ?', production.id)).toEqual([{ n: 0 }]);
    await core.call('environments.delete', { id: staging.id });
    expect(await core.fail('environments.delete', { id: 'default' })).toMatchObject({ code: 'invalid_request', message: 'A workspace keeps at least one environment.' });
  });

  it('exports environment names and variable texts (never a key’s value), and an import brings them into another workspace', async () => {
    const { staging, values, workflow } = await setUp();
    const exported = await core.call('workflows.export', { id: workflow.id });
    expect(exported.environments).toEqual(['Default', 'Staging', 'Production']);
    expect(exported.variables).toEqual([
      { id: expect.any(String), name: 'base_url', values: { Default: `${echo.url}/dev`, Staging: `${echo.url}/staging`, Production: `${echo.url}/prod` } },
    ]);
    for (const value of Object.values(values)) expect(leakedForms(JSON.stringify(exported), value)).toEqual([]);
    expect(staging.name).toBe('Staging');

    const other = await openCore();
    try {
      await other.call('environments.create', { name: 'staging' });
      const key = await other.call('secrets.create', { name: 'API token', value: canaryValue('other') });
      // The key is mapped by the user, as every import asks; the variable needs nothing.
      const mapping = { [exported.secrets[0]!.id]: key.id };
      const imported = await other.call('workflows.import', { json: JSON.stringify(exported), mapping });
      expect(imported).toMatchObject({ status: 'imported', createdVariables: ['base_url'], skippedEnvironments: [] });
      const view = await other.call('environments.list', {});
      // Staging matched by name (case aside); Production added.
      expect(view.environments.map((e) => e.name)).toEqual(['Default', 'staging', 'Production']);
      const [variable] = view.variables;
      expect(variable!.values).toEqual({ default: `${echo.url}/dev`, [view.environments[1]!.id]: `${echo.url}/staging`, [view.environments[2]!.id]: `${echo.url}/prod` });
      if (imported.status !== 'imported') throw new Error('not imported');
      const url = (imported.workflow.steps[0]!.config as { url: unknown }).url;
      expect(url).toEqual([
        { kind: 'variable', variableId: variable!.id },
        { kind: 'text', text: '/charge' },
      ]);
      expect(JSON.stringify(imported.workflow)).toContain(key.id);
      // Imported again: the variable is matched by name, not created twice.
      expect(await other.call('workflows.import', { json: JSON.stringify(exported), mapping })).toMatchObject({ status: 'imported', createdVariables: [] });
    } finally {
      await other.core.close();
    }
  });

  it('keeps variables plain and checked: names unique, texts bounded, environments that exist', async () => {
    const { variable } = await setUp();
    expect(await core.fail('variables.create', { name: 'BASE_URL' })).toMatchObject({ code: 'conflict', field: 'name' });
    expect(await core.fail('variables.create', { name: 'bad\nname' })).toMatchObject({ code: 'invalid_request', field: 'name' });
    expect(await core.fail('variables.setValue', { id: variable.id, environmentId: 'env_gone', value: 'x' })).toMatchObject({ code: 'not_found' });
    expect(await core.fail('variables.setValue', { id: variable.id, environmentId: 'default', value: 'x'.repeat(4097) })).toMatchObject({ code: 'invalid_request' });
    await core.call('variables.rename', { id: variable.id, name: 'api_base' });
    const removed = await core.call('variables.setValue', { id: variable.id, environmentId: 'default', value: null });
    expect(removed.variables[0]).toMatchObject({ name: 'api_base' });
    expect(removed.variables[0]!.values.default).toBeUndefined();
    await core.call('variables.delete', { id: variable.id });
    expect((await core.call('environments.list', {})).variables).toEqual([]);
  });
});

type Result = { status: number | null; stdout: string; stderr: string };

function keyflow(dir: string, ...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'keyflow.js'), ...args, '--user-data-dir', dir], { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('keyflow run --env', () => {
  it('runs in the environment named, needs --confirm for a protected one, and lists environments', async () => {
    const dir = tempDir('cli-env');
    const other = await openCore({ userDataDir: dir });
    const staging = (await other.call('environments.create', { name: 'Staging' })).environments[1]!;
    const production = (await other.call('environments.create', { name: 'Production' })).environments[2]!;
    await other.call('environments.setProtection', { id: production.id, protected: true, runGrants: [] });
    const values = { staging: canaryValue('cli-staging'), production: canaryValue('cli-prod') };
    const key = await other.call('secrets.create', { name: 'Token', value: values.staging, environmentId: staging.id });
    await other.call('secrets.updateValue', { id: key.id, value: values.production, environmentId: production.id });
    const workflow = await other.call('workflows.create', { name: 'Ping' });
    await other.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(httpStep('Ping', { url: t(`${echo.url}/ping`), auth: { kind: 'bearer', token: s(key.id) } })),
    });
    await other.core.close();

    const first = await keyflow(dir, 'run', 'Ping', '--env', 'staging');
    expect(first.stderr).toMatch(/✓ Step 1 “Ping” ok/);
    expect(first.status).toBe(0);
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${values.staging}`);

    const refused = await keyflow(dir, 'run', 'Ping', '--env', 'Production');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Production is protected: add --confirm to run in it. Nothing was run.');
    expect(echo.received).toHaveLength(1);

    const confirmed = await keyflow(dir, 'run', 'Ping', '--env', 'Production', '--confirm');
    expect(confirmed.status).toBe(0);
    expect(echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${values.production}`);

    // Without --env: the first environment, Default, where the key has no value.
    const missing = await keyflow(dir, 'run', 'Ping', '--env', 'Default');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('the secret key “Token” has no value in Default');
    const unknown = await keyflow(dir, 'run', 'Ping', '--env', 'Nowhere');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No environment is named “Nowhere”. This workspace has: Default, Staging, Production.');

    const listed = await keyflow(dir, 'list', 'environments');
    expect(listed.stdout.split('\n')[0]).toMatch(/^NAME\s+PROTECTED\s+YOU MAY RUN\s+VARIABLES\s+ID$/);
    expect(listed.stdout).toMatch(/Production\s+yes \(--confirm\)\s+yes/);
    for (const value of Object.values(values)) expect(leakedForms(listed.stdout + refused.stderr + confirmed.stdout + confirmed.stderr, value)).toEqual([]);
  });
});
