/**
 * Environments end to end in Chromium, against the real host and a real server on
 * 127.0.0.1: environments and variables made in the Environments view, a key given a value
 * per environment through Create and Edit value, a variable inserted from the + menu, the
 * same workflow run in two environments (each request carrying its own value), a
 * protected environment that asks first — and, in a team, one a member without the right
 * can't run in — and the command line's --env on the same vault.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, pageSurfaces, type AppPage } from '../support/browser';
import { appFixture } from '../support/app-fixture';
import { seriousViolations } from '../support/accessibility';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { ROOT, startHost, tempDir } from '../support/host-process';
import { definition, httpStep } from '../support/steps';
import { convergeHosts } from '../support/team-hosts';
import { keepassDatabase } from '../support/password-stores';

const setup = appFixture();

const values = { staging: canaryValue('ui-staging'), production: canaryValue('ui-prod') };

function nav(page: Page, view: 'Workflows' | 'Secret Keys' | 'Environments'): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: view, exact: true }).click();
}

async function addEnvironment(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add environment' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Environment' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByRole('button', { name: 'Add Environment' }).click();
  await expect
    .poll(() =>
      page
        .getByRole('table', { name: 'Environments' })
        .getByRole('row', { name: new RegExp(name) })
        .count(),
    )
    .toBe(1);
}

async function setVariable(page: Page, label: string, text: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(async () => (await setup.host.call('environments.list', {})).variables.some((variable) => Object.values(variable.values).includes(text))).toBe(true);
}

function keyflow(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin', 'keyflow.js'), ...args, '--user-data-dir', setup.host.userDataDir],
      { encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

describe('environments in Chromium', () => {
  let app: AppPage;

  it('makes environments and variables, gives a key a value in each, and runs one workflow in two environments', async () => {
    app = await openApp(setup.browser, setup.host);
    const { page } = app;
    page.setDefaultTimeout(15_000);

    // Environments and a variable, in the Environments view.
    await nav(page, 'Environments');
    await expect.poll(() => page.getByRole('heading', { name: 'Environments', level: 1 }).isVisible()).toBe(true);
    await addEnvironment(page, 'Staging');
    await addEnvironment(page, 'Production');
    await page.getByLabel('New variable').fill('base_url');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await setVariable(page, 'base_url in Staging', `${setup.echo.url}/staging`);
    await setVariable(page, 'base_url in Production', `${setup.echo.url}/production`);
    expect(await seriousViolations(page)).toEqual([]);

    // A key with its Staging value from Create, and its Production value from Edit value.
    await nav(page, 'Secret Keys');
    await page.getByRole('button', { name: 'Create Secret Key' }).click();
    let dialog = page.getByRole('dialog', { name: 'Create Secret Key' });
    await dialog.getByLabel('Name', { exact: true }).fill('API token');
    await dialog.getByLabel('Environment', { exact: true }).selectOption({ label: 'Staging' });
    await dialog.getByLabel('Value', { exact: true }).fill(values.staging);
    await dialog.getByRole('button', { name: 'Create Secret Key' }).click();
    const row = page.getByRole('row', { name: /API token/ });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.getByRole('list', { name: 'Values of API token' }).innerText()).toMatch(/^Default: no value\s+Staging: v1[\s\S]*Production: no value$/);
    await row.getByRole('button', { name: 'Actions for API token' }).click();
    await page.getByRole('menuitem', { name: 'Edit value' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit Value' });
    await dialog.getByLabel('Environment', { exact: true }).selectOption({ label: 'Production (no value)' });
    await expect.poll(() => dialog.getByText('No value in Production yet').isVisible()).toBe(true);
    await dialog.getByLabel('New value', { exact: true }).fill(values.production);
    await dialog.getByRole('button', { name: 'Save new value' }).click();
    await expect.poll(() => row.getByRole('list', { name: 'Values of API token' }).innerText()).toMatch(/Production: v1/);

    // A workflow whose URL is the variable (inserted from the + menu) and whose token is the key.
    const key = (await setup.host.call('secrets.list', {})).find((item) => item.name === 'API token')!;
    const workflow = await setup.host.call('workflows.create', { name: 'Charge' });
    await setup.host.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(httpStep('Call API', { url: [], auth: { kind: 'bearer', token: [{ kind: 'secret', secretId: key.id }] } })),
    });
    await page.goto(`${setup.host.origin}/#/workflows/${workflow.id}`);
    await page
      .getByRole('button', { name: /Call API/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Insert into URL' }).click();
    await page.getByRole('menuitem', { name: 'Insert a Variable' }).click();
    await page.getByRole('menuitem', { name: 'base_url' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Variable base_url' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('All changes saved').isVisible()).toBe(true);

    // Run in Staging, then in Production: each request carries its own environment's value.
    const environment = page.getByLabel('Environment', { exact: true });
    await environment.selectOption({ label: 'Staging' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const run = page.getByRole('region', { name: 'Run' });
    await expect.poll(() => run.getByText(/in Staging/).count()).toBeGreaterThan(0);
    await expect.poll(() => setup.echo.received.filter((request) => request.url === '/staging').length).toBe(1);
    expect(setup.echo.received.find((request) => request.url === '/staging')!.headers.authorization).toBe(`Bearer ${values.staging}`);

    await environment.selectOption({ label: 'Production' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => setup.echo.received.filter((request) => request.url === '/production').length).toBe(1);
    expect(setup.echo.received.find((request) => request.url === '/production')!.headers.authorization).toBe(`Bearer ${values.production}`);
    // The choice is remembered for this workflow.
    await page.reload();
    await expect.poll(() => page.getByLabel('Environment', { exact: true }).inputValue()).toBe((await setup.host.call('environments.list', {})).environments[2]!.id);
  });

  it('asks before running in a protected environment, and runs only once confirmed', async () => {
    const { page } = app;
    const production = (await setup.host.call('environments.list', {})).environments.find((item) => item.name === 'Production')!;
    await nav(page, 'Environments');
    await page.getByRole('button', { name: 'Actions for Production' }).click();
    await page.getByRole('menuitem', { name: 'Protection…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Protect Production' });
    await dialog.getByRole('switch', { name: 'Protected' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: 'Environments' })
          .getByRole('row', { name: /Production/ })
          .innerText(),
      )
      .toContain('Protected');

    const workflow = (await setup.host.call('workflows.list', {})).find((item) => item.name === 'Charge')!;
    await page.goto(`${setup.host.origin}/#/workflows/${workflow.id}`);
    await expect.poll(() => page.getByLabel('Environment', { exact: true }).inputValue()).toBe(production.id);
    const before = setup.echo.received.length;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const question = page.getByRole('alertdialog', { name: 'Run in Production?' });
    await expect.poll(() => question.isVisible()).toBe(true);
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(setup.echo.received.length).toBe(before);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await question.getByRole('button', { name: 'Run in Production' }).click();
    await expect.poll(() => setup.echo.received.length).toBe(before + 1);
    expect(setup.echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${values.production}`);

    // No environment's value on the page, in what crossed the bridge, or in the files.
    const surfaces = await pageSurfaces(page);
    for (const value of Object.values(values)) {
      expect(leakedForms(surfaces, value)).toEqual([]);
      expect(app.bridgeResponses.flatMap((response) => leakedForms(response, value))).toEqual([]);
      expect(leaksInFiles(setup.host.userDataDir, value)).toEqual([]);
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('runs the same workflow from the command line with --env (and --confirm for a protected one)', async () => {
    const before = setup.echo.received.length;
    const staging = await keyflow('run', 'Charge', '--env', 'Staging');
    expect(staging.status).toBe(0);
    expect(setup.echo.received.at(-1)).toMatchObject({ url: '/staging', headers: { authorization: `Bearer ${values.staging}` } });
    const refused = await keyflow('run', 'Charge', '--env', 'Production');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Production is protected: add --confirm to run in it.');
    expect(setup.echo.received.length).toBe(before + 1);
    for (const value of Object.values(values)) expect(leakedForms(staging.stdout + staging.stderr + refused.stderr, value)).toEqual([]);
  });
});

describe('a key linked to a KeePassXC database, in Chromium', () => {
  it('unlocks the database for this launch, links a key with Test (length and hint only), and a run uses the value', async () => {
    const value = canaryValue('ui-kdbx');
    const db = keepassDatabase({ password: 'ui test database passphrase' });
    db.add('Payments/Stripe', value);
    const { page, bridgeResponses, pageErrors } = await openApp(setup.browser, setup.host);
    page.setDefaultTimeout(15_000);

    await nav(page, 'Environments');
    const unlock = page.getByRole('form', { name: 'Unlock a KeePass database' });
    await unlock.getByLabel('Database file').fill(db.path);
    await unlock.getByLabel('Password', { exact: true }).fill('wrong password');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByText(`KeePassXC / KeePass: the password or key file is wrong for ${db.path}.`).isVisible()).toBe(true);
    await unlock.getByLabel('Password', { exact: true }).fill(db.password);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByText(`Unlocked until you lock them or quit: ${db.path}`).isVisible()).toBe(true);

    await nav(page, 'Secret Keys');
    await page.getByRole('button', { name: 'Create Secret Key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create Secret Key' });
    await dialog.getByLabel('Name', { exact: true }).fill('Stripe from KeePass');
    await dialog.getByLabel('Environment', { exact: true }).selectOption({ label: 'Staging' });
    await dialog.getByRole('radio', { name: 'Linked' }).check();
    await dialog.getByLabel('Provider').selectOption({ label: 'KeePassXC / KeePass' });
    await dialog.getByLabel('Database file').fill(db.path);
    await dialog.getByLabel('Entry').fill('Payments/Missing');
    await dialog.getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => dialog.getByRole('status').innerText()).toBe(`KeePassXC / KeePass: no entry “Payments/Missing” in ${db.path}.`);
    await dialog.getByLabel('Entry').fill('Payments/Stripe');
    await dialog.getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => dialog.getByRole('status').innerText()).toBe(`Read from KeePassXC / KeePass: ${value.length} characters, ending in ${value.slice(-4)}.`);
    await dialog.getByRole('button', { name: 'Create Secret Key' }).click();
    const row = page.getByRole('row', { name: /Stripe from KeePass/ });
    await expect.poll(() => row.getByRole('list', { name: 'Values of Stripe from KeePass' }).innerText()).toContain('Staging: v1 linked (KeePassXC / KeePass)');

    const key = (await setup.host.call('secrets.list', {})).find((item) => item.name === 'Stripe from KeePass')!;
    const workflow = await setup.host.call('workflows.create', { name: 'Linked charge' });
    await setup.host.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(
        httpStep('Call', { url: [{ kind: 'text', text: `${setup.echo.url}/linked` }], auth: { kind: 'bearer', token: [{ kind: 'secret', secretId: key.id }] } }),
      ),
    });
    await page.goto(`${setup.host.origin}/#/workflows/${workflow.id}`);
    await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Staging' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => setup.echo.received.filter((request) => request.url === '/linked').length).toBe(1);
    expect(setup.echo.received.find((request) => request.url === '/linked')!.headers.authorization).toBe(`Bearer ${value}`);

    const surfaces = await pageSurfaces(page);
    expect(leakedForms(surfaces, value)).toEqual([]);
    expect(bridgeResponses.flatMap((response) => leakedForms(response, value))).toEqual([]);
    expect(leakedForms(surfaces, db.password)).toEqual([]);
    expect(leaksInFiles(setup.host.userDataDir, value)).toEqual([]);
    expect(leaksInFiles(setup.host.userDataDir, db.password)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('a protected environment in a team', () => {
  it('is refused to a member without “Run in Production”, in the builder and in main', async () => {
    const root = tempDir('env-team');
    const annHost = await startHost();
    const bobHost = await startHost();
    try {
      for (const [who, name] of [
        [annHost, 'Ann'],
        [bobHost, 'Bob'],
      ] as const) {
        await who.call('identity.update', { name, email: `${name.toLowerCase()}@example.com` });
        mkdirSync(join(root, name));
      }
      const created = await annHost.call('workspaces.create', { name: 'Acme', folder: join(root, 'Ann') });
      await annHost.call('team.addMember', { identity: (await bobHost.call('identity.export', {})).text, role: 'editor' });
      const production = (await annHost.call('environments.create', { name: 'Production' })).environments[1]!;
      await annHost.call('environments.setProtection', { id: production.id, protected: true, runGrants: [] });
      const workflow = await annHost.call('workflows.create', { name: 'Deploy' });
      await annHost.call('workflows.save', {
        id: workflow.id,
        name: 'Deploy',
        definition: definition(httpStep('Ping', { url: [{ kind: 'text', text: `${setup.echo.url}/deploy` }] })),
      });
      await annHost.call('workspaces.sync', {});
      const bobFile = join(root, 'Bob', 'Acme.keyflow');
      const { copyFileSync } = await import('node:fs');
      copyFileSync(created.filePath!, bobFile);
      await bobHost.call('workspaces.open', { path: bobFile });
      await convergeHosts([
        { host: annHost, file: created.filePath! },
        { host: bobHost, file: bobFile },
      ]);

      const { page, pageErrors } = await openApp(setup.browser, bobHost);
      page.setDefaultTimeout(15_000);
      await page.goto(`${bobHost.origin}/#/workflows/${workflow.id}`);
      const option = page.getByLabel('Environment', { exact: true }).locator('option', { hasText: 'Production' });
      await expect.poll(() => option.innerText()).toBe('Production (protected) — not yours to run');
      expect(await option.isDisabled()).toBe(true);
      const refusal = await bobHost.raw('runs.start', JSON.stringify({ workflowId: workflow.id, environmentId: production.id, confirm: true }));
      expect(JSON.parse(refusal.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(setup.echo.received.some((request) => request.url === '/deploy')).toBe(false);
      expect(pageErrors).toEqual([]);
    } finally {
      await Promise.all([annHost.stop(), bobHost.stop()]);
    }
  });
});
