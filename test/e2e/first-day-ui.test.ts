/**
 * What a new user met on the first day, in Chromium: dialogs that behave, a picker that
 * tells keys apart and flags what a run would refuse, a way back from Manage Secret Keys,
 * Browse… for workspace folders, an identity that asks for a name, and Activity that
 * names runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp, type AppPage } from '../support/browser';
import { seriousViolations } from '../support/accessibility';
import { startHost, tempDir, type RunningHost } from '../support/host-process';
import { codeStep, definition, httpStep, s, t } from '../support/steps';

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

async function launch(): Promise<{ host: RunningHost; app: AppPage; page: Page }> {
  const host = await startHost();
  hosts.push(host);
  const app = await openApp(browser, host);
  return { host, app, page: app.page };
}

/** Opens an address afresh: what the test made through the bridge meanwhile is loaded, as after a restart. */
async function show(page: Page, host: RunningHost, hash: string): Promise<void> {
  await page.goto(`${host.origin}/${hash}`);
  await page.reload();
}

async function workflow(host: RunningHost, name: string, ...steps: Parameters<typeof definition>): Promise<string> {
  const created = await host.call('workflows.create', { name });
  await host.call('workflows.save', { id: created.id, name, definition: definition(...steps) });
  return created.id;
}

async function openKeysPicker(page: Page, field: string) {
  await page.getByRole('button', { name: `Insert into ${field}` }).click();
  await page.getByRole('menuitem', { name: 'Insert a Secret Key' }).click();
  return page.getByRole('dialog').filter({ has: page.getByRole('searchbox', { name: 'Search secret keys' }) });
}

describe('the secret key picker and Create Secret Key in Chromium', () => {
  it('tells keys apart, starts a new key from the search, closes with one click on Cancel, and says where the key goes', async () => {
    const { host, page } = await launch();
    await host.call('secrets.create', { name: 'Billing token', value: 'bt_live_0123456789abcd', allowedDomains: ['*.127.0.0.1.nip.io'] });
    await host.call('secrets.create', { name: 'Billing token (staging)', value: 'bt_test_0123456789wxyz', visibility: 'masked' });
    const id = await workflow(host, 'Billing', httpStep('Call API', { url: t('http://127.0.0.1:9/invoices') }));
    await show(page, host, `#/workflows/${id}`);
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name', { exact: true }).fill('Authorization');

    const picker = await openKeysPicker(page, 'Header Authorization');
    // Type, the value's last characters and where a key may go; a key this host may not get is shown, not offered.
    const staging = picker.getByRole('menuitem', { name: /Billing token \(staging\)/ });
    await expect.poll(() => staging.textContent()).toBe('Billing token (staging)Generic · ends in wxyz');
    const restricted = picker.getByRole('menuitem', { name: /^Billing token Not for/ });
    expect(await restricted.textContent()).toBe('Billing tokenNot for 127.0.0.1: only *.127.0.0.1.nip.io');
    expect(await restricted.getAttribute('aria-disabled')).toBe('true');

    // The search becomes the new key's name.
    await picker.getByRole('searchbox', { name: 'Search secret keys' }).fill('Stripe live');
    await picker.getByRole('menuitem', { name: 'Create Secret Key “Stripe live”' }).click();
    const create = page.getByRole('dialog', { name: 'Create Secret Key' });
    await expect.poll(() => create.getByLabel('Name', { exact: true }).inputValue()).toBe('Stripe live');
    expect(await create.getByText('inserts it into the Authorization header.').count()).toBe(1);
    // One click on Cancel, even after clearing the name (leaving an untouched field grows no error that moves the button).
    await create.getByLabel('Name', { exact: true }).fill('');
    await create.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => create.count()).toBe(0);

    // Opened afresh and left without typing: Cancel still closes at the first click.
    await openKeysPicker(page, 'Header Authorization');
    await page.getByRole('menuitem', { name: 'Create Secret Key' }).click();
    await expect.poll(() => create.isVisible()).toBe(true);
    await create.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => create.count()).toBe(0);
    expect(await host.call('secrets.list', {})).toHaveLength(2);
  });

  it('fits a 900 px tall window: after an empty submit, focus and the first error are in view; the buttons stay in view', async () => {
    const { host, page } = await launch();
    const folder = tempDir('tall');
    await host.call('identity.update', { name: 'Ada Lovelace', email: 'ada@example.com' });
    await host.call('workspaces.create', { name: 'Acme', folder });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    await page.getByRole('button', { name: 'Create Secret Key' }).click();
    const create = page.getByRole('dialog', { name: 'Create Secret Key' });
    await expect.poll(() => create.isVisible()).toBe(true);
    const submit = create.getByRole('button', { name: 'Create Secret Key' });
    const viewport = page.viewportSize()!;
    const inView = async (box: Promise<{ y: number; height: number } | null>) => {
      const b = await box;
      return b !== null && b.y >= 0 && b.y + b.height <= viewport.height;
    };
    expect(await inView(submit.boundingBox())).toBe(true);
    expect(await inView(create.getByRole('button', { name: 'Cancel' }).boundingBox())).toBe(true);
    await create.getByLabel('Allowed domains', { exact: true }).focus();
    await submit.click();
    const name = create.getByLabel('Name', { exact: true });
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => inView(name.boundingBox())).toBe(true);
    await expect.poll(() => inView(create.getByText('Name is required.').boundingBox())).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('editing a request in Chromium', () => {
  it('flags a key the URL’s host may not receive and a header Authentication sets too, while editing', async () => {
    const { host, page } = await launch();
    const key = await host.call('secrets.create', { name: 'Prod token', value: 'prod_0123456789abcdef', allowedDomains: ['api.example.com'] });
    const id = await workflow(
      host,
      'Conflicts',
      httpStep('Call API', {
        url: t('http://127.0.0.1:9/x'),
        headers: [{ key: 'Authorization', value: t('Bearer abc'), enabled: true }],
        auth: { kind: 'bearer', token: s(key.id) },
      }),
    );
    await show(page, host, `#/workflows/${id}`);
    await expect.poll(() => page.getByText('“Prod token” may be sent only to api.example.com; this request goes to 127.0.0.1, so the run would refuse it.').count()).toBe(1);
    expect(await page.getByText('Authentication below sets Authorization too: the server would read only one of them.').count()).toBe(1);
    expect(await page.getByText(/The header “Authorization” under Headers is also set here\./).count()).toBe(1);
    expect(
      await page
        .getByRole('listitem', { name: /Call API/ })
        .getByText('Needs attention')
        .count(),
    ).toBe(1);
    // Pointing the URL at the allowed host clears it.
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill('https://api.example.com/x');
    await expect.poll(() => page.getByText(/may be sent only to api\.example\.com/).count()).toBe(0);
  });

  it('comes back from Manage Secret Keys to the workflow, its unsaved edits kept', async () => {
    const { host, page } = await launch();
    const id = await workflow(host, 'Round trip', httpStep('Call API', { url: t('https://api.example.com/') }));
    await show(page, host, `#/workflows/${id}`);
    await page.getByRole('textbox', { name: 'Workflow name' }).fill('Round trip, edited');
    await openKeysPicker(page, 'URL');
    await page.getByRole('menuitem', { name: 'Manage Secret Keys' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Manage Secret Keys' }).isVisible()).toBe(true);
    expect(page.url()).toContain(`#/secrets?from=${id}`);
    await page.getByRole('button', { name: 'Back to “Round trip, edited”' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Workflow name' }).inputValue()).toBe('Round trip, edited');
    expect(await page.getByText('Unsaved changes').count()).toBe(1);
  });
});

describe('workspaces and identity in Chromium', () => {
  it('offers only All in the personal workspace, whose other tabs would always be empty', async () => {
    const { host, page } = await launch();
    await host.call('secrets.create', { name: 'Stripe', value: 'sk_test_0123456789' });
    await page.reload();
    await expect.poll(() => page.getByRole('row', { name: /Stripe/ }).count()).toBe(1);
    expect(await page.getByRole('tab').count()).toBe(0);
  });

  it('asks for a name instead of the account’s, and shows the new one as the owner of keys and on the Team page', async () => {
    const { host, page } = await launch();
    const identity = page.getByRole('button', { name: /Your identity/ });
    await expect.poll(() => identity.textContent()).toBe('Your identitySet your name');
    await identity.click();
    const dialog = page.getByRole('dialog', { name: 'Your identity' });
    await expect.poll(() => dialog.getByText(/Keyflow took “.+” from your computer account\./).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Close' }).first().click();

    // Creating a team workspace asks for it.
    const folder = tempDir('identity');
    await page.getByRole('button', { name: /^Workspace:/ }).click();
    await page.getByRole('menuitem', { name: 'Create team workspace…' }).click();
    const create = page.getByRole('dialog', { name: 'Create team workspace' });
    await create.getByLabel('Workspace name', { exact: true }).fill('Acme');
    await create.getByLabel('Folder', { exact: true }).fill(folder);
    await create.getByLabel('Your name', { exact: true }).fill('Grace Hopper');
    await create.getByRole('button', { name: 'Create workspace' }).click();
    await expect.poll(() => create.count()).toBe(0);
    expect(await host.call('identity.get', {})).toMatchObject({ name: 'Grace Hopper', named: true });
    await expect.poll(() => identity.textContent()).toBe('Your identity');

    // Renamed later: the Owner column and the Team page follow.
    await host.call('secrets.create', { name: 'Deploy key', value: 'dk_0123456789abcdef' });
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /Deploy key/ })
          .getByRole('cell', { name: 'Grace Hopper' })
          .count(),
      )
      .toBe(1);
    await identity.click();
    await dialog.getByLabel('Name', { exact: true }).fill('Grace B. Hopper');
    await dialog.getByRole('button', { name: 'Save name and email' }).click();
    await expect.poll(() => host.call('identity.get', {}).then((profile) => profile.name)).toBe('Grace B. Hopper');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await page.getByRole('link', { name: 'Secret Keys' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /Deploy key/ })
          .getByRole('cell', { name: 'Grace B. Hopper' })
          .count(),
      )
      .toBe(1);
    await page.getByRole('link', { name: 'Team' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: 'Members' })
          .getByRole('row', { name: /Grace B\. Hopper \(you\)/ })
          .count(),
      )
      .toBe(1);
  });

  it('browses for the shared folder and the workspace file', async () => {
    const { host, page } = await launch();
    const root = tempDir('browse');
    mkdirSync(join(root, 'Dropbox', 'Team'), { recursive: true });
    mkdirSync(join(root, '.hidden'));
    writeFileSync(join(root, 'Dropbox', 'Team', 'Acme.keyflow'), '{}');
    writeFileSync(join(root, 'Dropbox', 'notes.txt'), 'not listed');

    await page.getByRole('button', { name: /^Workspace:/ }).click();
    await page.getByRole('menuitem', { name: 'Create team workspace…' }).click();
    const create = page.getByRole('dialog', { name: 'Create team workspace' });
    await create.getByLabel('Folder', { exact: true }).fill(root);
    await create.getByRole('button', { name: 'Browse… for the folder' }).click();
    const browser = page.getByRole('dialog', { name: 'Choose a folder' });
    const list = browser.getByRole('list', { name: `In ${root}` });
    await expect.poll(() => list.getByRole('button').allTextContents()).toEqual(['📁 Dropbox']);
    await list.getByRole('button', { name: 'Open folder Dropbox' }).click();
    await expect
      .poll(() =>
        browser
          .getByRole('list', { name: `In ${join(root, 'Dropbox')}` })
          .getByRole('button')
          .allTextContents(),
      )
      .toEqual(['📁 Team']);
    await browser.getByRole('button', { name: 'Open folder Team' }).click();
    await expect.poll(() => browser.getByLabel('Folder path').inputValue()).toBe(join(root, 'Dropbox', 'Team'));
    expect(await seriousViolations(page)).toEqual([]);
    await browser.getByRole('button', { name: 'Choose this folder' }).click();
    await expect.poll(() => create.getByLabel('Folder', { exact: true }).inputValue()).toBe(join(root, 'Dropbox', 'Team'));
    // A path that is no folder says so.
    await create.getByRole('button', { name: 'Browse… for the folder' }).click();
    await browser.getByLabel('Folder path').fill(join(root, 'nowhere'));
    await browser.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => browser.getByText(`There is no folder “${join(root, 'nowhere')}”.`).count()).toBe(1);
    await browser.getByRole('button', { name: 'Cancel' }).click();
    // Nothing was created meanwhile: the folder browser's form never submitted the dialog behind it.
    expect((await host.call('workspaces.list', {})).map((w) => w.kind)).toEqual(['personal']);
    await create.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: /^Workspace:/ }).click();
    await page.getByRole('menuitem', { name: 'Open workspace file…' }).click();
    const open = page.getByRole('dialog', { name: 'Open workspace file' });
    await open.getByLabel('Workspace file', { exact: true }).fill(join(root, 'Dropbox', 'Team'));
    await open.getByRole('button', { name: 'Browse… for the workspace file' }).click();
    const files = page.getByRole('dialog', { name: 'Choose a workspace file' });
    await files.getByRole('button', { name: 'Choose Acme.keyflow' }).click();
    await expect.poll(() => open.getByLabel('Workspace file', { exact: true }).inputValue()).toBe(join(root, 'Dropbox', 'Team', 'Acme.keyflow'));
  });
});

describe('Activity in Chromium', () => {
  it('names runs by their workflow and adds no team access to personal keys', async () => {
    const { host, page } = await launch();
    const key = await host.call('secrets.create', { name: 'Report token', value: 'rt_0123456789abcdef', readableByRunCode: true });
    const id = await workflow(host, 'Weekly report', codeStep('Use it', 'return input.token.length;', [{ name: 'token', value: s(key.id) }]));
    const run = await host.call('runs.start', { workflowId: id });
    await expect.poll(async () => (await host.call('runs.get', { id: run.id })).status).toBe('ok');
    await page.getByRole('link', { name: 'Activity' }).click();
    const table = page.getByRole('table', { name: 'Activity' });
    await expect.poll(() => table.getByRole('row', { name: /Created/ }).count()).toBe(1);
    expect(await table.getByText('Team access').count()).toBe(0);
    const link = table.getByRole('button', { name: /^Weekly report, / });
    await expect.poll(() => link.count()).toBe(1);
    await link.click();
    await expect.poll(() => page.url()).toContain(`#/workflows/${id}/runs/${run.id}`);
  });
});
