import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, pageSurfaces } from '../support/browser';
import { appFixture } from '../support/app-fixture';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { maskFor } from '../../electron/core/redaction/redactor';

const setup = appFixture();

async function insertExistingKey(page: Page, field: string, keyName: string): Promise<void> {
  await page.getByRole('button', { name: `Insert into ${field}` }).click();
  await page.getByRole('menuitem', { name: 'Insert a Secret Key' }).click();
  await page.getByRole('menuitem', { name: keyName }).click();
}

describe('building and running a workflow in Chromium', () => {
  it('creates a key from a header field, runs Send API Request and Run Code; only the server ever sees the value', async () => {
    const app = await openApp(setup.browser, setup.host);
    const { page } = app;
    const canary = canaryValue('flow');

    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('button', { name: 'New workflow', exact: true }).click();
    const create = page.getByRole('dialog', { name: 'New workflow' });
    await create.getByLabel('Name', { exact: true }).fill('Echo flow');
    await create.getByRole('button', { name: 'Create workflow' }).click();

    // Step 1: Send API Request with "Authorization: Bearer <chip>", the key created from the field itself.
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByRole('menuitem', { name: 'Send API Request' }).click();
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill(`${setup.echo.url}/setup.echo?as=base64`);
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name', { exact: true }).fill('Authorization');
    await page.getByRole('textbox', { name: 'Header Authorization', exact: true }).fill('Bearer ');
    await page.getByRole('button', { name: 'Insert into Header Authorization' }).click();
    await page.getByRole('menuitem', { name: 'Insert a Secret Key' }).click();
    await page.getByRole('menuitem', { name: 'Create Secret Key' }).click();
    const newKey = page.getByRole('dialog', { name: 'Create Secret Key' });
    await newKey.getByLabel('Name', { exact: true }).fill('Echo token');
    await newKey.getByLabel('Value', { exact: true }).fill(canary);
    await newKey.getByRole('button', { name: 'Create Secret Key' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Secret key Echo token' }).count()).toBe(1);

    // Step 2: Run Code that logs and returns the key it receives as a variable.
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByRole('menuitem', { name: 'Run Code' }).click();
    await page.getByLabel('Code', { exact: true }).fill('console.log("token", input.token); return { token: input.token, echoed: input.steps };');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Variable 1 name', { exact: true }).fill('token');
    await insertExistingKey(page, 'Variable token', 'Echo token');
    // Code may read a key only once someone who manages it allows it: the field offers that.
    const allow = page.getByRole('button', { name: 'Let Run Code read “Echo token”' });
    await allow.click();
    await expect.poll(() => allow.count()).toBe(0);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('All changes saved').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const run = page.getByRole('region', { name: 'Run' });
    await expect.poll(() => run.getByText('OK', { exact: true }).count()).toBeGreaterThanOrEqual(2);

    // The server got the exact value; nothing the renderer holds or received has it.
    expect(setup.echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${canary}`);
    const [latest] = await setup.host.call('runs.list', { workflowId: (await setup.host.call('workflows.list', {}))[0]!.id });
    const stored = await setup.host.call('runs.get', { id: latest!.id });
    expect(stored.status).toBe('ok');
    expect(JSON.stringify(stored)).toContain(maskFor('Echo token'));
    const surfaces = await pageSurfaces(page);
    expect(leakedForms(surfaces, canary)).toEqual([]);
    expect(app.bridgeResponses.flatMap((body) => leakedForms(body, canary))).toEqual([]);
    expect(leakedForms(JSON.stringify(stored), canary)).toEqual([]);
    expect(leaksInFiles(setup.host.userDataDir, canary)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('after its key is deleted, marks the workflow as needing reconfiguration and fails the run before sending', async () => {
    const [key] = await setup.host.call('secrets.list', { query: 'Echo token' });
    const usage = await setup.host.call('secrets.usage', { id: key!.id });
    expect(usage.map((u) => `${u.workflowName} › ${u.stepName} › ${u.field}`)).toEqual([
      'Echo flow › Send API Request › headers.0.value',
      'Echo flow › Run Code › variables.0.value',
    ]);
    await setup.host.call('secrets.delete', { id: key!.id });
    const sent = setup.echo.received.length;

    const { page } = await openApp(setup.browser, setup.host);
    await page.getByRole('link', { name: 'Workflows' }).click();
    await expect.poll(() => page.getByText('Needs reconfiguration').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Echo flow', exact: true }).click();
    await page.getByRole('listitem', { name: 'Send API Request', exact: true }).click();
    // The chip keeps the deleted key's name.
    await expect.poll(() => page.getByRole('group', { name: 'Deleted secret key “Echo token” (broken reference)' }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const run = page.getByRole('region', { name: 'Run' });
    await expect
      .poll(() => run.getByText('Step 1 “Send API Request”, field Header Authorization: the secret key it uses was deleted.', { exact: false }).count())
      .toBeGreaterThan(0);
    expect(setup.echo.received.length).toBe(sent);
    // The steps after it were skipped, not left pending; a step that sent nothing has no empty Details.
    const second = run.getByRole('listitem', { name: '2. Run Code' });
    await expect.poll(() => second.getByText('Skipped', { exact: true }).count()).toBe(1);
    expect(await run.getByRole('listitem', { name: '1. Send API Request' }).getByText('Details').count()).toBe(0);
  });
});
