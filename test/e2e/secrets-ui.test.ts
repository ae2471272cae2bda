import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp, pageSurfaces, type AppPage } from '../support/browser';
import { seriousViolations } from '../support/accessibility';
import { startHost, type RunningHost } from '../support/host-process';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

async function launch(env?: NodeJS.ProcessEnv): Promise<{ host: RunningHost; app: AppPage; page: Page }> {
  const host = await startHost({ env });
  hosts.push(host);
  const app = await openApp(browser, host);
  return { host, app, page: app.page };
}

/** After every step: the value is in no bridge response, not in the DOM or browser storage, not in any file of the user-data dir. */
async function expectNoLeak(app: AppPage, host: RunningHost, values: string[]): Promise<void> {
  const surfaces = await pageSurfaces(app.page);
  for (const value of values) {
    expect(app.bridgeResponses.flatMap((body) => leakedForms(body, value))).toEqual([]);
    expect(leakedForms(surfaces, value)).toEqual([]);
    expect(leaksInFiles(host.userDataDir, value)).toEqual([]);
  }
}

async function openRowAction(page: Page, secretName: string, action: 'Rename' | 'Edit value' | 'Delete'): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${secretName}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

describe('Manage Secret Keys in Chromium', () => {
  it('creates, renames, re-values and deletes a key without the value ever reaching the page', async () => {
    const { host, app, page } = await launch();
    const canary = canaryValue('ui');
    const rotated = canaryValue('ui-rotated');

    await page.getByRole('button', { name: 'Create Secret Key' }).click();
    const create = page.getByRole('dialog', { name: 'Create Secret Key' });
    await expect.poll(() => create.getByText("You won't be able to view this value again after saving.").isVisible()).toBe(true);
    await create.getByLabel('Name', { exact: true }).fill('Payments API');
    await create.getByLabel('Value', { exact: true }).fill(canary);
    // Masked on screen as a password field is (the value takes many lines, so it is a text area).
    expect(await create.getByLabel('Value', { exact: true }).evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-security'))).toBe('disc');
    await create.getByRole('button', { name: 'Create Secret Key' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Payments API/ }).count()).toBe(1);
    await expect.poll(() => create.isVisible()).toBe(false);
    await expectNoLeak(app, host, [canary]);

    await openRowAction(page, 'Payments API', 'Rename');
    const rename = page.getByRole('dialog', { name: 'Rename Secret Key' });
    await rename.getByLabel('Name', { exact: true }).fill('Billing API');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Billing API/ }).count()).toBe(1);
    await expectNoLeak(app, host, [canary]);

    await openRowAction(page, 'Billing API', 'Edit value');
    const edit = page.getByRole('dialog', { name: 'Edit Value' });
    await edit.getByLabel('New value', { exact: true }).fill(rotated);
    await edit.getByRole('button', { name: 'Save new value' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /Billing API/ })
          .getByText('v2')
          .count(),
      )
      .toBe(1);
    await expectNoLeak(app, host, [canary, rotated]);

    await openRowAction(page, 'Billing API', 'Delete');
    const confirm = page.getByRole('alertdialog', { name: 'Delete secret key "Billing API"?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByRole('row', { name: /Billing API/ }).count()).toBe(0);
    await expect.poll(() => page.getByText('No secret keys yet').isVisible()).toBe(true);
    await expectNoLeak(app, host, [canary, rotated]);
    expect(await host.call('secrets.list', {})).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows why a duplicate or invalid name is refused, and keeps the dialog open', async () => {
    const { host, page } = await launch();
    await host.call('secrets.create', { name: 'GitHub Token', value: 'ghp_existing_value_1' });
    await page.reload();

    await page.getByRole('button', { name: 'Create Secret Key' }).click();
    const create = page.getByRole('dialog', { name: 'Create Secret Key' });
    await create.getByLabel('Name', { exact: true }).fill('github token');
    await create.getByLabel('Value', { exact: true }).fill('ghp_second_value_22');
    await create.getByRole('button', { name: 'Create Secret Key' }).click();
    await expect.poll(() => create.getByText('A secret key named "GitHub Token" already exists').isVisible()).toBe(true);

    await create.getByLabel('Name', { exact: true }).fill('x'.repeat(101));
    await expect.poll(() => create.getByText('Name must be at most 100 characters.').isVisible()).toBe(true);
    expect(await host.call('secrets.list', {})).toHaveLength(1);
  });

  it('searches by name and is usable from the keyboard', async () => {
    const { host, page } = await launch();
    await host.call('secrets.create', { name: 'Slack bot', value: 'xoxb-value-12345' });
    await host.call('secrets.create', { name: 'SendGrid', value: 'SG.value-123456' });
    await page.reload();
    // Both listed first, so the search below filters a loaded list (not an empty one still loading).
    await expect.poll(() => page.getByRole('row', { name: /SendGrid|Slack bot/ }).count()).toBe(2);
    await page
      .getByRole('searchbox')
      .or(page.getByLabel(/search/i))
      .first()
      .fill('slack');
    await expect.poll(() => page.getByRole('row', { name: /SendGrid/ }).count()).toBe(0);
    expect(await page.getByRole('row', { name: /Slack bot/ }).count()).toBe(1);

    // Keyboard only: reach the row menu, open Rename, cancel with Escape; focus returns.
    const trigger = page.getByRole('button', { name: 'Actions for Slack bot' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('menuitem', { name: 'Rename' }).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: 'Rename Secret Key' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('has no serious or critical accessibility violations on the panel and its dialogs', async () => {
    const { host, page } = await launch();
    await host.call('secrets.create', { name: 'Stripe', value: 'sk_test_value_123' });
    await page.reload();
    await expect.poll(() => page.getByRole('row', { name: /Stripe/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create Secret Key' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await openRowAction(page, 'Stripe', 'Delete');
    await expect.poll(() => page.getByRole('alertdialog').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('explains an unavailable keychain and lets the user choose a passphrase instead', async () => {
    const { page, host } = await launch({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keyflow-bus', DISPLAY: '' });
    await expect.poll(() => page.getByText(/No Secret Service is running/).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Passphrase', { exact: true }).fill('a long passphrase 42');
    await page.getByLabel('Confirm passphrase', { exact: true }).fill('a long passphrase 42');
    await page.getByRole('button', { name: 'Protect with a passphrase instead' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Manage Secret Keys' }).isVisible()).toBe(true);
    expect(await host.call('vault.status', {})).toEqual({ state: 'unlocked', keySource: 'passphrase' });
  });
});
