/**
 * Value versions in Chromium (the browser host, as shipped to tests with the tripwire): the
 * History dialog lists versions without values, Roll back makes an earlier one current as a new
 * version, and a run then sends the old value to a real server; Recently deleted restores a key.
 */
import { describe, expect, it } from 'vitest';
import { openApp, pageSurfaces } from '../support/browser';
import { appFixture } from '../support/app-fixture';
import { seriousViolations } from '../support/accessibility';
import { canaryValue, leakedForms } from '../support/canary';
import { definition, httpStep, s, t } from '../support/steps';

const setup = appFixture();

describe('History and Roll back in Chromium', () => {
  it('lists versions without values, rolls back, and the next run sends the earlier value', async () => {
    const [first, second] = [canaryValue('ui-first'), canaryValue('ui-second')];
    const key = await setup.host.call('secrets.create', { name: 'Rolling key', value: first, visibility: 'masked' });
    await setup.host.call('secrets.updateValue', { id: key.id, value: second });
    const workflow = await setup.host.call('workflows.create', { name: 'Rolling flow' });
    await setup.host.call('workflows.save', {
      id: workflow.id,
      name: workflow.name,
      definition: definition(httpStep('Call', { url: t(`${setup.echo.url}/rolled`), auth: { kind: 'bearer', token: s(key.id) } })),
    });

    const app = await openApp(setup.browser, setup.host);
    const { page } = app;
    await page.goto(`${setup.host.origin}/#/secrets`);
    await page.getByRole('button', { name: 'Actions for Rolling key' }).click();
    await page.getByRole('menuitem', { name: 'History' }).click();
    const dialog = page.getByRole('dialog', { name: 'History of “Rolling key”' });
    await expect.poll(() => dialog.getByText('Version 2').isVisible()).toBe(true);
    expect(await dialog.getByText('Current', { exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Roll back to version 1 in Default' }).click();
    await expect.poll(() => dialog.getByText('Version 3').isVisible()).toBe(true);
    await expect.poll(() => dialog.getByRole('button', { name: 'Roll back to version 2 in Default' }).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.goto(`${setup.host.origin}/#/workflows/${workflow.id}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => setup.echo.received.filter((request) => request.url === '/rolled').length).toBe(1);
    expect(setup.echo.received.find((request) => request.url === '/rolled')!.headers.authorization).toBe(`Bearer ${first}`);

    const surfaces = await pageSurfaces(page);
    for (const value of [first, second]) {
      expect(leakedForms(surfaces, value)).toEqual([]);
      expect(app.bridgeResponses.flatMap((response) => leakedForms(response, value))).toEqual([]);
    }
    expect(app.pageErrors).toEqual([]);
  });

  it('restores a deleted key from Recently deleted', async () => {
    const key = await setup.host.call('secrets.create', { name: 'Deleted by mistake', value: canaryValue('ui-deleted') });
    await setup.host.call('secrets.delete', { id: key.id });
    const { page, pageErrors } = await openApp(setup.browser, setup.host);
    await page.goto(`${setup.host.origin}/#/secrets`);
    const section = page.getByRole('region', { name: 'Recently deleted' });
    await section.getByRole('button', { name: 'Restore Deleted by mistake' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Deleted by mistake/ }).count()).toBe(1);
    await expect.poll(() => section.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
