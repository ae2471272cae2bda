/**
 * The recovery kit in Chromium, with real parts: the real browser host on a real user-data
 * folder, Keyflow's entries deleted from the real GNOME Keyring between two launches (as a
 * reinstalled OS or a reset keychain does), and a real HTTP server that receives what a run
 * sends. The key is shown once, saved as a PDF and a text file through Keyflow's own folder
 * browser, and then lives nowhere in the page, its storage or any later bridge response.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeytarKeyStore } from '../../electron/core/keystore/keytar-key-store';
import { RECOVERY_KEY_ALPHABET, recoveryKeyOf } from '../../shared/model/recovery-key';
import { seriousViolations } from '../support/accessibility';
import { launchChromium, openApp, pageSurfaces, type AppPage } from '../support/browser';
import { canaryValue, leakedForms } from '../support/canary';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { startHost, tempDir, type RunningHost } from '../support/host-process';
import { definition, httpStep, s, t } from '../support/steps';

const keychain = new KeytarKeyStore();
let browser: Browser;
let echo: EchoServer;
beforeAll(async () => {
  browser = await launchChromium();
  echo = await startEchoServer();
});
afterAll(async () => {
  await browser?.close();
  await echo?.close();
});
const hosts: RunningHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

async function launch(userDataDir: string, env?: NodeJS.ProcessEnv): Promise<{ host: RunningHost; app: AppPage; page: Page }> {
  const host = await startHost({ userDataDir, env });
  hosts.push(host);
  const app = await openApp(browser, host);
  return { host, app, page: app.page };
}

async function stop(host: RunningHost): Promise<void> {
  hosts.splice(hosts.indexOf(host), 1);
  await host.stop();
}

/** Both ways the key can be written: grouped as shown, and the 28 symbols run together. */
const keyForms = (key: string) => [key, key.replace(/-/g, '')];
const holdsKey = (text: string, key: string) => keyForms(key).some((form) => text.includes(form));

/** The key with one symbol changed: what a slip of the finger makes. */
function withTypo(key: string): string {
  const index = key.indexOf('-') + 1;
  const symbol = key[index]!;
  const other = RECOVERY_KEY_ALPHABET[(RECOVERY_KEY_ALPHABET.indexOf(symbol) + 1) % RECOVERY_KEY_ALPHABET.length]!;
  return key.slice(0, index) + other + key.slice(index + 1);
}

/** Saves the open kit into `folder` through Keyflow's own folder browser (the browser host has no system dialog). */
async function saveKitInto(page: Page, button: string, folder: string): Promise<void> {
  const kit = page.getByRole('dialog', { name: 'Your recovery kit' });
  await kit.getByRole('button', { name: button }).click();
  const browse = page.getByRole('dialog', { name: 'Choose where to save' });
  // Typed at once, before the home folder it opens on is listed: the listing must leave the typed path alone.
  await browse.getByLabel('Folder path').fill(folder);
  await browse.getByRole('button', { name: 'Go' }).click();
  await expect.poll(() => browse.getByRole('list', { name: `In ${folder}` }).count()).toBe(1);
  await browse.getByRole('button', { name: 'Choose this folder' }).click();
  await expect.poll(() => browse.count()).toBe(0);
}

describe('the recovery kit in Chromium', () => {
  it('is made and saved once; after the keychain loses the key, a wrong key is refused and the right one brings back the old values for a run', async () => {
    const userDataDir = tempDir('recovery-ui');
    const kitFolder = tempDir('recovery-kit');
    const first = await launch(userDataDir);
    const value = canaryValue('recovery');
    const secret = await first.host.call('secrets.create', { name: 'Billing token', value });
    const workflow = await first.host.call('workflows.create', { name: 'Charge' });
    await first.host.call('workflows.save', {
      id: workflow.id,
      name: 'Charge',
      definition: definition(httpStep('Charge', { url: t(`${echo.url}/charge`), auth: { kind: 'bearer', token: s(secret.id) } })),
    });
    const { vaultId } = await first.host.call('recovery.status', {});

    // A new vault offers its kit where Keyflow opens, and Settings says one is missing.
    let page = first.page;
    const offer = page.getByRole('region', { name: 'Make your recovery kit' });
    await expect.poll(() => offer.count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Settings Make recovery kit' }).count()).toBe(1);
    await offer.getByRole('button', { name: 'Make recovery kit' }).click();

    // Shown once: the key, the vault it opens, and the advice to keep it offline.
    const kit = page.getByRole('dialog', { name: 'Your recovery kit' });
    await expect.poll(() => kit.isVisible()).toBe(true);
    expect(await kit.textContent()).toContain('This is the only time Keyflow shows your recovery key');
    expect(await kit.textContent()).toContain('keep it offline');
    expect(await kit.textContent()).toContain(vaultId);
    const key = (await kit.locator('.recovery-key').textContent())!;
    expect(key).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
    expect(await seriousViolations(page)).toEqual([]);

    // Saved as a PDF and a text file, in a folder chosen in the folder browser.
    await saveKitInto(page, 'Save as PDF…', kitFolder);
    await saveKitInto(page, 'Save as text file…', kitFolder);
    const saved = kit.getByRole('list', { name: 'Saved' }).getByRole('listitem');
    await expect.poll(() => saved.count()).toBe(2);
    const [pdfPath, textPath] = (await saved.allTextContents()).map((line) => line.replace(/^Saved as /, ''));
    expect(pdfPath!.startsWith(kitFolder) && pdfPath!.endsWith('.pdf')).toBe(true);
    expect(readFileSync(pdfPath!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readFileSync(pdfPath!).toString('latin1')).toContain(key);
    const text = readFileSync(textPath!, 'utf8');
    expect(text).toContain(key);
    expect(text).toContain(vaultId);
    expect(leakedForms(readFileSync(pdfPath!), value)).toEqual([]);
    expect(leakedForms(text, value)).toEqual([]);

    // Done asks for the box first; then the kit counts as kept and the offer goes.
    await kit.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => kit.getByText('Tick the box once your kit is saved').count()).toBe(1);
    await kit.getByRole('checkbox', { name: /I have saved my recovery kit/ }).check();
    await kit.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => kit.count()).toBe(0);
    await expect.poll(() => offer.count()).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: 'Settings', exact: true }).count()).toBe(1);
    expect((await first.host.call('recovery.status', {})).key?.savedAt).not.toBeNull();

    // The one display is over: the key is in no page surface, and it crossed the bridge once.
    expect(holdsKey(await pageSurfaces(page), key)).toBe(false);
    expect(first.app.bridgeResponses.filter((body) => holdsKey(body, key))).toHaveLength(1);
    await stop(first.host);

    // An OS reinstall or a keychain reset: Keyflow's entries are gone from the real keyring.
    await keychain.delete(`master-key:${vaultId}`);
    await keychain.delete(`device-keys:${vaultId}`);
    expect(await keychain.get(`master-key:${vaultId}`)).toBeNull();

    const second = await launch(userDataDir);
    page = second.page;
    await expect.poll(() => page.getByRole('heading', { name: 'Your vault’s key is missing' }).count()).toBe(1);
    expect(await page.getByText(/The master key of this vault is missing from/).count()).toBe(1);
    const enter = page.getByRole('region', { name: 'Enter recovery key' });
    expect(await enter.textContent()).toContain(vaultId);
    expect(await page.getByRole('region', { name: 'Start over' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Start over says what is lost and wants the box ticked; cancelled, nothing changed.
    await page.getByRole('button', { name: 'Start over…' }).click();
    const startOver = page.getByRole('alertdialog', { name: 'Start over with an empty vault?' });
    const losses = startOver.getByRole('list', { name: 'What is lost' });
    await expect.poll(() => losses.textContent()).toContain('1 secret key: their values can’t be used or recovered');
    expect(await losses.textContent()).toContain('1 workflow and 0 runs');
    expect(await startOver.textContent()).toContain(`keyflow-set-aside-${vaultId}.db`);
    expect(await seriousViolations(page)).toEqual([]);
    await startOver.getByRole('button', { name: 'Start over', exact: true }).click();
    await expect.poll(() => startOver.getByText('Tick the box to start over, or cancel.').count()).toBe(1);
    await startOver.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => startOver.count()).toBe(0);
    expect(await second.host.call('vault.status', {})).toMatchObject({ state: 'key-missing' });

    // Typos are caught as typed, each with what is wrong, before Keyflow tries the key.
    const field = enter.getByLabel('Recovery key', { exact: true });
    const open = enter.getByRole('button', { name: 'Open vault' });
    const fieldError = enter.locator('.field-error');
    await field.fill(key.slice(0, -5));
    await open.click();
    await expect.poll(() => fieldError.textContent()).toBe('A recovery key has 28 characters (7 groups of 4); this has 24.');
    await field.fill(key.slice(0, -1) + 'U');
    await expect.poll(() => fieldError.textContent()).toBe('A recovery key has only digits and letters (no U); “U” is not one of them.');
    await field.fill(withTypo(key));
    await expect.poll(() => fieldError.textContent()).toBe('This recovery key has a typo: compare each group with your recovery kit.');
    await open.click();
    expect(await second.host.call('recovery.status', {})).toMatchObject({ retryAt: null });

    // A well-formed key of another vault: main refuses it, says which vault the kit must name, and changes nothing.
    await field.fill(recoveryKeyOf(Array.from({ length: 26 }, (_, i) => (i * 7) % 32)));
    await open.click();
    await expect
      .poll(() => fieldError.textContent())
      .toBe(`That is not the recovery key of this vault (its kit names vault ${vaultId}), or it was replaced by a newer one. Nothing was changed.`);
    expect(await second.host.call('vault.status', {})).toMatchObject({ state: 'key-missing' });
    expect(await keychain.get(`master-key:${vaultId}`)).toBeNull();

    // The right key, typed as people do (lower case, no hyphens), opens the vault and puts the key back in the keychain.
    await field.fill(key.replace(/-/g, '').toLowerCase());
    await open.click();
    await expect.poll(() => page.getByRole('heading', { name: 'Your vault’s key is missing' }).count()).toBe(0);
    await expect.poll(async () => (await second.host.call('vault.status', {})).state).toBe('unlocked');
    expect(await keychain.get(`master-key:${vaultId}`)).not.toBeNull();

    // The old value is used by the next run: the local server receives it.
    await page.goto(`${second.host.origin}/#/workflows/${workflow.id}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByRole('status').getByText('Run finished: 1 step OK').count()).toBe(1);
    const charges = echo.received.filter((request) => request.url === '/charge');
    expect(charges.map((request) => request.headers.authorization)).toEqual([`Bearer ${value}`]);

    // Neither the value nor the key is anywhere the page can read, nor in what main sent it.
    const surfaces = await pageSurfaces(page);
    expect(leakedForms(surfaces, value)).toEqual([]);
    expect(holdsKey(surfaces, key)).toBe(false);
    expect(second.app.bridgeResponses.flatMap((body) => leakedForms(body, value))).toEqual([]);
    expect(second.app.bridgeResponses.filter((body) => holdsKey(body, key))).toEqual([]);
    expect(existsSync(pdfPath!)).toBe(true);
    expect(second.app.pageErrors).toEqual([]);
  }, 300_000);

  it('in Settings: makes a kit, checks typed keys, replaces the key (the old one stops working); on a passphrase vault, opens with the key when the passphrase is forgotten', async () => {
    // No Secret Service: the vault is protected by a passphrase, chosen as a user without a keychain does.
    const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keyflow-bus', DISPLAY: '' };
    const userDataDir = tempDir('recovery-settings');
    const first = await launch(userDataDir, noKeychain);
    let page = first.page;
    await first.host.call('vault.setUpPassphrase', { passphrase: 'the first passphrase' });
    const value = canaryValue('forgotten');
    await first.host.call('secrets.create', { name: 'Mail key', value });
    await page.goto(`${first.host.origin}/#/settings`);
    await page.reload();
    const settings = page.getByRole('region', { name: 'Recovery kit' });
    await expect.poll(() => settings.getByText('None yet').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Make your recovery kit' }).count()).toBe(0);

    /** Reads the key from the kit dialog, the one place it shows, then closes it: kept (box ticked, Done) or not (Close). */
    async function takeKit(kept: boolean): Promise<string> {
      const kit = page.getByRole('dialog', { name: 'Your recovery kit' });
      await expect.poll(() => kit.isVisible()).toBe(true);
      const key = (await kit.locator('.recovery-key').textContent())!;
      if (kept) {
        await kit.getByRole('checkbox', { name: /I have saved my recovery kit/ }).check();
        await kit.getByRole('button', { name: 'Done' }).click();
      } else {
        await kit.getByRole('button', { name: 'Close' }).click();
      }
      await expect.poll(() => kit.count()).toBe(0);
      expect(holdsKey(await pageSurfaces(page), key)).toBe(false);
      return key;
    }
    await settings.getByRole('button', { name: 'Make recovery kit' }).click();
    const oldKey = await takeKit(false);
    // Closed without saying it was kept: Settings says so.
    await expect.poll(() => settings.getByText('Not confirmed: replace the key to make a kit you keep').count()).toBe(1);

    const field = settings.getByLabel('Check a recovery key', { exact: true });
    const check = settings.getByRole('button', { name: 'Check recovery key' });
    const fieldError = settings.locator('.field-error');
    await field.fill(withTypo(oldKey));
    await check.click();
    await expect.poll(() => fieldError.textContent()).toBe('This recovery key has a typo: compare each group with your recovery kit.');
    await field.fill(oldKey.toLowerCase());
    await check.click();
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('That is this vault’s recovery key.');
    expect(await field.inputValue()).toBe('');

    // Replacing asks first, shows the new key once, and the old key no longer checks.
    await settings.getByRole('button', { name: 'Replace recovery key…' }).click();
    const replace = page.getByRole('alertdialog', { name: 'Replace the recovery key?' });
    expect(await replace.textContent()).toContain('The key in your current recovery kit stops working at once.');
    expect(await seriousViolations(page)).toEqual([]);
    await replace.getByRole('button', { name: 'Replace recovery key' }).click();
    const newKey = await takeKit(true);
    expect(newKey).not.toBe(oldKey);
    await field.fill(oldKey);
    await check.click();
    await expect.poll(() => fieldError.textContent()).toMatch(/^That is not the recovery key of this vault .* or it was replaced by a newer one\. Nothing was changed\.$/);
    await stop(first.host);

    // The passphrase is forgotten: the recovery key opens the vault, under a new passphrase.
    const second = await launch(userDataDir, noKeychain);
    page = second.page;
    await expect.poll(() => page.getByRole('heading', { name: 'Unlock Keyflow' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
    const recover = page.getByRole('region', { name: 'Open with your recovery key' });
    await recover.getByLabel('Recovery key', { exact: true }).fill(newKey);
    await recover.getByLabel('New passphrase', { exact: true }).fill('short');
    await recover.getByLabel('Confirm new passphrase', { exact: true }).fill('short');
    await recover.getByRole('button', { name: 'Open vault' }).click();
    await expect.poll(() => recover.getByText('The passphrase must be at least 12 characters.').count()).toBe(1);
    expect(await second.host.call('vault.status', {})).toEqual({ state: 'locked', keySource: 'passphrase' });
    await recover.getByLabel('New passphrase', { exact: true }).fill('the second passphrase');
    await recover.getByLabel('Confirm new passphrase', { exact: true }).fill('the second passphrase');
    await recover.getByRole('button', { name: 'Open vault' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Manage Secret Keys' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('row', { name: /Mail key/ }).count()).toBe(1);
    expect(holdsKey(await pageSurfaces(page), newKey)).toBe(false);
    expect(second.app.bridgeResponses.flatMap((body) => leakedForms(body, value))).toEqual([]);
    await stop(second.host);

    // From now on the new passphrase opens it, and the forgotten one no longer does.
    const third = await launch(userDataDir, noKeychain);
    await expect.poll(async () => (await third.host.call('vault.status', {})).state).toBe('locked');
    await expect(third.host.call('vault.unlock', { passphrase: 'the first passphrase' })).rejects.toMatchObject({ code: 'wrong_passphrase' });
    expect(await third.host.call('vault.unlock', { passphrase: 'the second passphrase' })).toEqual({ state: 'unlocked', keySource: 'passphrase' });
  }, 300_000);

  it('saves into a folder typed before the folder browser’s first listing arrives, and says when a typed path is no folder', async () => {
    const kitFolder = tempDir('recovery-typed');
    const { page } = await launch(tempDir('recovery-browse'));
    // The listing asked for next (the home folder a browser opens on) is held until the test lets it go.
    let held: { listing: Promise<void>; release(): void } | null = null;
    const holdNextListing = () => {
      let release!: () => void;
      const listing = new Promise<void>((resolve) => (release = resolve));
      held = { listing, release };
      return release;
    };
    let listings = 0;
    await page.route(
      (url) => url.pathname === '/bridge/files.list',
      async (route) => {
        listings += 1;
        const hold = held;
        held = null;
        if (hold) await hold.listing;
        await route.continue();
      },
    );
    await page.getByRole('region', { name: 'Make your recovery kit' }).getByRole('button', { name: 'Make recovery kit' }).click();
    const kit = page.getByRole('dialog', { name: 'Your recovery kit' });
    await expect.poll(() => kit.isVisible()).toBe(true);
    const browse = page.getByRole('dialog', { name: 'Choose where to save' });
    const path = browse.getByLabel('Folder path');

    // A path that is no folder, sent before anything is listed: the error stays (no silent jump to the home folder).
    let release = holdNextListing();
    await kit.getByRole('button', { name: 'Save as text file…' }).click();
    await path.fill(join(kitFolder, 'nowhere'));
    await browse.getByRole('button', { name: 'Go' }).click();
    const noFolder = browse.getByText(`There is no folder “${join(kitFolder, 'nowhere')}”.`);
    await expect.poll(() => noFolder.count()).toBe(1);
    expect(listings).toBe(2);
    release();
    await browse.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => browse.count()).toBe(0);

    // A folder typed while the home folder is being listed survives that listing, and is where the kit goes.
    release = holdNextListing();
    await kit.getByRole('button', { name: 'Save as text file…' }).click();
    await path.fill(kitFolder);
    release();
    await expect.poll(() => browse.getByRole('list', { name: /^In / }).count()).toBe(1);
    expect(await path.inputValue()).toBe(kitFolder);
    await browse.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => browse.getByRole('list', { name: `In ${kitFolder}` }).count()).toBe(1);
    await browse.getByRole('button', { name: 'Choose this folder' }).click();
    const vaultId = (await kit.locator('dd').first().textContent())!;
    await expect.poll(() => kit.getByRole('list', { name: 'Saved' }).textContent()).toBe(`Saved as ${join(kitFolder, `Keyflow Recovery Kit - ${vaultId}.txt`)}`);
  }, 300_000);
});
