/**
 * Moving to a new machine, in Chromium (issue #15): Ann, the Owner, adds her new laptop's
 * identity as a device of herself from the Team view (its fingerprint compared first), the
 * Devices list shows both with who added them and when, the laptop opens the workspace as
 * Ann, and Remove device takes it away again — never her last device. Two browser hosts,
 * separate user-data dirs and keychain entries; the file copied between their folders as a
 * sync service would.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp, pageSurfaces, type AppPage } from '../support/browser';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { seriousViolations } from '../support/accessibility';
import { startHost, tempDir, type RunningHost } from '../support/host-process';

interface Machine {
  host: RunningHost;
  app: AppPage;
  page: Page;
  folder: string;
}

let browser: Browser;
let desktop: Machine;
let laptop: Machine;
const value = canaryValue('device');

async function machine(name: string, root: string): Promise<Machine> {
  const host = await startHost();
  const app = await openApp(browser, host);
  app.page.setDefaultTimeout(15_000);
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  return { host, app, page: app.page, folder };
}

beforeAll(async () => {
  browser = await launchChromium();
  const root = tempDir('devices-ui');
  [desktop, laptop] = await Promise.all([machine('desktop', root), machine('laptop', root)]);
});
afterAll(async () => {
  await Promise.all([desktop?.host.stop(), laptop?.host.stop()]);
  await browser?.close();
});

function team(page: Page): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team', exact: true }).click();
}

describe('a new machine joins as the same person, in Chromium', () => {
  it('Add as a device of: the fingerprint compared, the devices listed, the laptop acting as Ann; Remove device', async () => {
    await desktop.host.call('identity.update', { name: 'Ann', email: 'ann@example.com' });
    await laptop.host.call('identity.update', { name: 'Ann on the laptop', email: 'ann@example.com' });
    const workspace = await desktop.host.call('workspaces.create', { name: 'Acme', folder: desktop.folder });
    const key = await desktop.host.call('secrets.create', { name: 'Stripe', value, access: { kind: 'restricted', grants: [] } });
    await desktop.page.reload();
    const ann = await desktop.host.call('identity.get', {});
    const device = await laptop.host.call('identity.export', {});

    // The laptop is new: it offers the ways to bring over what the other machine held — a backup, or joining as a device.
    await laptop.page.reload();
    const offer = laptop.page.getByRole('region', { name: 'Moving from another machine?' });
    await expect.poll(() => offer.count()).toBe(1);
    expect(await offer.getByRole('button', { name: 'Restore a backup' }).count()).toBe(1);
    await offer.getByRole('button', { name: 'Share this machine’s identity' }).click();
    const share = laptop.page.getByRole('dialog', { name: 'Your identity' });
    await expect.poll(() => share.getByLabel('Identity text', { exact: true }).inputValue()).toBe(device.text);
    expect(await seriousViolations(laptop.page)).toEqual([]);
    await share.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => share.count()).toBe(0);

    await team(desktop.page);
    const devices = desktop.page.getByRole('table', { name: 'Devices' });
    await expect.poll(() => devices.getByRole('row').count()).toBe(2); // heading + Ann's first device
    expect(await devices.getByRole('button', { name: /^Remove device/ }).count()).toBe(0); // her only device

    await desktop.page.getByRole('button', { name: 'Add device' }).click();
    const add = desktop.page.getByRole('dialog', { name: 'Add a device' });
    expect(await add.getByLabel('Person', { exact: true }).inputValue()).toBe(ann.memberId);
    await add.getByLabel('Identity text', { exact: true }).fill(device.text);
    await expect.poll(() => add.getByTestId('fingerprint').count()).toBe(1);
    expect((await add.getByTestId('fingerprint').innerText()).replace(/\s+/g, '')).toBe(device.fingerprint.replace(/\s+/g, ''));
    // Not before the comparison is confirmed.
    await add.getByRole('button', { name: 'Add as a device of Ann' }).click();
    await expect.poll(() => add.getByText('Compare the fingerprint with them first.').isVisible()).toBe(true);
    expect((await desktop.host.call('team.get', {})).devices[ann.memberId]).toHaveLength(1);
    expect(await seriousViolations(desktop.page)).toEqual([]);
    await add.getByRole('checkbox', { name: 'I compared this fingerprint with Ann and it matches' }).check();
    await add.getByRole('button', { name: 'Add as a device of Ann' }).click();
    await expect.poll(() => add.count()).toBe(0);
    await expect.poll(() => devices.getByRole('row').count()).toBe(3);
    const added = devices.getByRole('row', { name: /Ann on the laptop/ });
    expect(await added.innerText()).toMatch(/by Ann/);
    await expect.poll(() => added.innerText()).toContain(device.fingerprint.slice(0, 4));

    // The laptop opens its copy of the file and is Ann there: her Owner role, her Restricted key.
    await desktop.host.call('workspaces.sync', {});
    const laptopFile = join(laptop.folder, basename(workspace.filePath!));
    copyFileSync(workspace.filePath!, laptopFile);
    await laptop.host.call('workspaces.open', { path: laptopFile });
    await laptop.page.reload();
    await team(laptop.page);
    const members = laptop.page.getByRole('table', { name: 'Members' });
    await expect.poll(() => members.getByRole('row', { name: /Ann/ }).innerText()).toMatch(/\(you\)[\s\S]*Owner/);
    expect(await laptop.page.getByRole('region', { name: 'Moving from another machine?' }).count()).toBe(0); // it joined a team workspace
    await expect.poll(() => laptop.page.getByRole('table', { name: 'Devices' }).getByRole('row').count()).toBe(3);
    expect((await laptop.host.call('secrets.list', {})).map((k) => [k.id, k.rights.use])).toEqual([[key.id, true]]);

    // Remove device, from the desktop: the laptop goes; the desktop, now her last, can't be removed.
    await devices.getByRole('button', { name: 'Remove device Ann on the laptop of Ann' }).click();
    const confirm = desktop.page.getByRole('alertdialog', { name: 'Remove this device of Ann?' });
    await confirm.getByRole('button', { name: 'Remove device' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    await expect.poll(() => devices.getByRole('row').count()).toBe(2);
    expect(await devices.getByRole('button', { name: /^Remove device/ }).count()).toBe(0);
    expect((await desktop.host.call('team.get', {})).devices[ann.memberId]!.map((d) => d.deviceId)).toEqual([ann.memberId]);

    // No form of the value in either page, the bridge responses, the folders or the user-data dirs.
    for (const who of [desktop, laptop]) {
      expect(leakedForms(await pageSurfaces(who.page), value)).toEqual([]);
      expect(who.app.bridgeResponses.flatMap((body) => leakedForms(body, value))).toEqual([]);
      expect(leaksInFiles(who.folder, value)).toEqual([]);
      expect(leaksInFiles(who.host.userDataDir, value)).toEqual([]);
    }
  });
});
