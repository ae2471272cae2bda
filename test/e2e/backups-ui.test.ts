/**
 * Backups end to end in Chromium against two real hosts (two user-data dirs, each its own
 * master key in the real keychain): Settings ▸ Backups backs up one, restores into the other
 * after a preview and a confirm, and turns automatic backups on; no value reaches the page.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp, pageSurfaces } from '../support/browser';
import { seriousViolations } from '../support/accessibility';
import { canaryValue, leakedForms } from '../support/canary';
import { startHost, tempDir, type RunningHost } from '../support/host-process';

const PASSPHRASE = 'correct horse battery staple';
let browser: Browser;
let source: RunningHost;
let target: RunningHost;
beforeAll(async () => {
  browser = await launchChromium();
  [source, target] = await Promise.all([startHost(), startHost()]);
});
afterAll(async () => {
  await source?.stop();
  await target?.stop();
  await browser?.close();
});

async function openSettings(host: RunningHost): Promise<Page> {
  const { page } = await openApp(browser, host);
  page.setDefaultTimeout(15_000);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Settings\b/ })
    .click();
  await expect.poll(() => page.getByRole('heading', { name: 'Backups', level: 2 }).isVisible()).toBe(true);
  return page;
}

describe('backups in Chromium', () => {
  it('backs up from Settings, restores elsewhere after a preview and a confirm, and turns daily backups on', async () => {
    const value = canaryValue('ui-backup');
    await source.call('secrets.create', { name: 'Deploy token', value });
    const folder = tempDir('ui-backups');
    const file = join(folder, 'from-ui.kfbackup');

    const page = await openSettings(source);
    expect(await page.getByText('Last backup: never').count()).toBe(1);
    const now = page.getByRole('region', { name: 'Back up this workspace now' });
    await now.getByLabel('File', { exact: true }).fill(file);
    await now.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await now.getByLabel('Passphrase again', { exact: true }).fill(PASSPHRASE);
    await now.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => existsSync(file)).toBe(true);
    await expect.poll(() => page.getByText('Last backup: never').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    const other = await openSettings(target);
    await other.getByLabel('Backup file', { exact: true }).fill(file);
    await other.getByLabel('Backup passphrase', { exact: true }).fill('not the passphrase');
    await other.getByRole('button', { name: 'Preview restore…' }).click();
    await expect.poll(() => other.getByText('That passphrase does not open this backup.').isVisible()).toBe(true);
    await other.getByLabel('Backup passphrase', { exact: true }).fill(PASSPHRASE);
    await other.getByRole('button', { name: 'Preview restore…' }).click();
    const dialog = other.getByRole('alertdialog', { name: 'Restore this backup?' });
    await expect.poll(() => dialog.getByText(/Keys: 1 added, 0 replaced, 0 unchanged/).isVisible()).toBe(true);
    expect(await dialog.getByText('Added: Deploy token').count()).toBe(1);
    expect(await seriousViolations(other)).toEqual([]);
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(async () => (await target.call('secrets.list', {})).map((key) => key.name)).toEqual(['Deploy token']);

    const daily = join(folder, 'daily');
    mkdirSync(daily);
    const automatic = other.getByRole('region', { name: 'Automatic backups' });
    await automatic.getByRole('switch', { name: 'Back up daily' }).check();
    await automatic.getByLabel('Folder', { exact: true }).fill(daily);
    await automatic.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await automatic.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await target.call('backups.status', {})).enabled).toBe(true);
    // The schedule's first backup is due at once.
    await expect.poll(async () => (await target.call('backups.status', {})).lastBackupAt !== null).toBe(true);

    for (const surface of [await pageSurfaces(page), await pageSurfaces(other)]) expect(leakedForms(surface, value)).toEqual([]);
    for (const response of [...source.responses, ...target.responses]) expect(leakedForms(response, value)).toEqual([]);
  });
});
