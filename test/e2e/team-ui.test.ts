/**
 * Team workspaces end to end in Chromium: two browser hosts (Ann and Bob, separate
 * user-data dirs and keychain entries), each with its own copy of the workspace file in
 * its own folder, kept in step by copying the file between the folders as a sync service
 * would. The tests run in order: each builds on the workspace the previous one left.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { secretBodySchema } from '../../electron/core/team/records/record-bodies';
import { recordSchema } from '../../electron/core/team/records/signed-records';
import { parseWorkspaceFile } from '../../electron/core/team/file/workspace-file';
import { launchChromium, openApp, pageSurfaces, type AppPage } from '../support/browser';
import { seriousViolations } from '../support/accessibility';
import { canaryValue, leakedForms, leaksInFiles } from '../support/canary';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { startHost, tempDir, type RunningHost } from '../support/host-process';
import { definition, httpStep, s, t } from '../support/steps';
import { convergeHosts, deliverFile, type HostCopy } from '../support/team-hosts';
import { storedValueOf } from '../support/team';

interface Party {
  name: string;
  host: RunningHost;
  app: AppPage;
  page: Page;
  /** This person's copy of the shared folder. */
  folder: string;
}

let browser: Browser;
let echo: EchoServer;
let ann: Party;
let bob: Party;
/** Ann's and Bob's copies of the workspace file, once it exists. */
let annFile = '';
let bobFile = '';

// Values that must never reach either page, the file or the user-data dirs. The team key
// ends in a known hint; the canary part carries characters every encoding changes.
const teamValue = `${canaryValue('team')}Q7xZ`;
const payrollValue = canaryValue('payroll');
const deployValue = canaryValue('deploy');
const bobValue = canaryValue('bob');
const VALUES = [teamValue, payrollValue, deployValue, bobValue];

async function party(name: string, root: string): Promise<Party> {
  const host = await startHost();
  const app = await openApp(browser, host);
  // A missing control fails the step that wanted it, well inside the test's own timeout.
  app.page.setDefaultTimeout(15_000);
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  return { name, host, app, page: app.page, folder };
}

beforeAll(async () => {
  browser = await launchChromium();
  echo = await startEchoServer();
  const root = tempDir('team-ui');
  [ann, bob] = await Promise.all([party('Ann', root), party('Bob', root)]);
});
afterAll(async () => {
  await Promise.all([ann?.host.stop(), bob?.host.stop()]);
  await echo?.close();
  await browser?.close();
});

// A failed test may leave a dialog or menu open (the rest of the page is inert then): close it, so the next test starts from the page.
afterEach(async () => {
  for (const who of [ann, bob]) {
    for (let i = 0; i < 3 && (await who.page.locator('[role="dialog"], [role="alertdialog"], [role="menu"]').count()) > 0; i++) await who.page.keyboard.press('Escape');
  }
});

const copies = (): HostCopy[] => [
  { host: ann.host, file: annFile },
  { host: bob.host, file: bobFile },
];

function nav(page: Page, view: 'Workflows' | 'Secret Keys' | 'Team' | 'Activity'): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: view, exact: true }).click();
}

/** Sets the name and email in Your identity; returns the dialog, still open. */
async function setIdentity(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Your identity' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your identity' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Email', { exact: true }).fill(`${name.toLowerCase()}@example.com`);
  await dialog.getByRole('button', { name: 'Save name and email' }).click();
  return dialog;
}

async function workspaceMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: /^Workspace:/ }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** The keys a tab lists, by name; null while it shows neither a table nor an empty state (loading). */
async function keysOnTab(page: Page, tab: string): Promise<string[] | null> {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await expect.poll(() => page.getByRole('tab', { name: tab, exact: true }).getAttribute('aria-selected')).toBe('true');
  const panel = page.getByRole('tabpanel', { name: tab, exact: true });
  const table = panel.getByRole('table', { name: 'Secret keys' });
  if ((await table.count()) === 0) return (await panel.locator('.empty-state').count()) > 0 ? [] : null;
  // The name is the cell's first text; a masked key's hint follows it.
  return (await table.locator('tbody tr td.cell-name').evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent?.trim() ?? ''))).sort();
}

/** Polls a tab until it lists exactly `names` (the list follows syncs and reloads asynchronously). */
async function expectTab(page: Page, tab: string, names: string[]): Promise<void> {
  await expect.poll(() => keysOnTab(page, tab)).toEqual([...names].sort());
}

async function createKey(
  page: Page,
  options: { name: string; value: string; access: 'Team' | 'Restricted'; visibility: 'Masked' | 'Hidden'; grants?: { who: string; level: 'Use' | 'Manage' }[] },
) {
  await nav(page, 'Secret Keys');
  await page.getByRole('button', { name: 'Create Secret Key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Secret Key' });
  await dialog.getByLabel('Name', { exact: true }).fill(options.name);
  await dialog.getByLabel('Value', { exact: true }).fill(options.value);
  await dialog.getByRole('radio', { name: options.access, exact: true }).check();
  for (const grant of options.grants ?? []) await addGrant(dialog, grant.who, grant.level);
  await dialog.getByRole('radio', { name: options.visibility, exact: true }).check();
  await dialog.getByRole('button', { name: 'Create Secret Key' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
}

/** Adds a person or group in the access editor of `dialog`. */
async function addGrant(dialog: Locator, who: string, level: 'Use' | 'Manage'): Promise<void> {
  await dialog.getByLabel('Add a person or group', { exact: true }).selectOption({ label: who });
  await dialog.getByLabel('Access level', { exact: true }).selectOption({ label: level });
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
}

async function openUpdatePermissions(page: Page, keyName: string): Promise<Locator> {
  await page.getByRole('button', { name: `Actions for ${keyName}` }).click();
  await page.getByRole('menuitem', { name: 'Update permissions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Update permissions' });
  await expect.poll(() => dialog.isVisible()).toBe(true);
  return dialog;
}

/** "Sync now" on the Team page; waits until the status says synced again. */
async function syncNow(page: Page): Promise<void> {
  await nav(page, 'Team');
  const sync = page.getByRole('group', { name: 'Sync' });
  const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/bridge/workspaces.sync');
  await sync.getByRole('button', { name: 'Sync now' }).click();
  expect(JSON.parse(await (await answered).text())).toMatchObject({ ok: true });
  await expect.poll(() => sync.getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);
  await expect.poll(() => sync.getByTestId('sync-status').innerText()).toMatch(/^Synced/);
}

/**
 * Who a secret's data key is wrapped for in a copy of the workspace file, and its sealed
 * data (a new data key changes it), read with the project's own file and record schemas.
 */
function sealedFor(file: string, secretId: string): { wrappedFor: string[]; data: string } {
  const parsed = parseWorkspaceFile(readFileSync(file, 'utf8'), file);
  const versions = parsed.records.map((text) => recordSchema.parse(JSON.parse(text))).filter((record) => record.id === secretId);
  expect(versions, `the record of ${secretId} in ${file}`).toHaveLength(1);
  const { value } = storedValueOf(secretBodySchema.parse(versions[0]!.body));
  return { wrappedFor: Object.keys(value.wraps).sort(), data: value.data };
}

/** After every step: no form of any value in what either page holds or received, the workspace files, or the user-data dirs. */
async function expectNoLeak(): Promise<void> {
  for (const who of [ann, bob]) {
    const surfaces = await pageSurfaces(who.page);
    for (const value of VALUES) {
      expect(leakedForms(surfaces, value), `${who.name}'s page`).toEqual([]);
      expect(
        who.app.bridgeResponses.flatMap((body) => leakedForms(body, value)),
        `${who.name}'s bridge responses`,
      ).toEqual([]);
      expect(leaksInFiles(who.folder, value), `${who.name}'s workspace folder`).toEqual([]);
      expect(leaksInFiles(who.host.userDataDir, value), `${who.name}'s user-data dir`).toEqual([]);
    }
  }
}

describe('team workspaces in Chromium', () => {
  it('Ann creates a team workspace and adds Bob from his identity after comparing fingerprints; Bob opens his copy', async () => {
    // Bob shares his identity from Your identity.
    const bobDialog = await setIdentity(bob.page, 'Bob');
    await expect.poll(() => bob.host.call('identity.get', {}).then((p) => p.name)).toBe('Bob');
    const bobProfile = await bob.host.call('identity.get', {});
    const identityText = bobDialog.getByLabel('Identity text', { exact: true });
    // The text shown is what main exports, with the new name (public keys only).
    const exported = await bob.host.call('identity.export', {});
    await expect.poll(() => identityText.inputValue()).toBe(exported.text);
    expect(await identityText.getAttribute('readonly')).not.toBeNull();
    const bobText = await identityText.inputValue();
    expect(JSON.parse(bobText)).toMatchObject({ name: 'Bob', email: 'bob@example.com' });
    expect(exported.fingerprint).toBe(bobProfile.fingerprint);
    const bobShown = await bobDialog.getByTestId('fingerprint').innerText();
    expect(bobShown.replace(/\s+/g, '')).toBe(bobProfile.fingerprint.replace(/\s+/g, ''));
    await bobDialog.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => bobDialog.count()).toBe(0);

    // Ann names herself, then creates the workspace in her folder.
    const annDialog = await setIdentity(ann.page, 'Ann');
    await expect.poll(() => ann.host.call('identity.get', {}).then((p) => p.email)).toBe('ann@example.com');
    await annDialog.getByRole('button', { name: 'Close' }).first().click();
    await workspaceMenu(ann.page, 'Create team workspace…');
    const create = ann.page.getByRole('dialog', { name: 'Create team workspace' });
    await create.getByLabel('Workspace name', { exact: true }).fill('Acme');
    await create.getByLabel('Folder', { exact: true }).fill(ann.folder);
    await create.getByRole('button', { name: 'Create workspace' }).click();
    await expect.poll(() => create.count()).toBe(0);
    await expect.poll(() => ann.page.getByRole('button', { name: /^Workspace:/ }).innerText()).toMatch(/Acme/);

    const active = (await ann.host.call('workspaces.list', {})).find((w) => w.active)!;
    expect(active).toMatchObject({ name: 'Acme', kind: 'team', myRole: 'owner' });
    annFile = active.filePath!;
    expect(annFile.startsWith(ann.folder)).toBe(true);
    expect(existsSync(annFile)).toBe(true);
    bobFile = join(bob.folder, basename(annFile));

    // The Team page shows the file and Ann as its Owner.
    await nav(ann.page, 'Team');
    await expect.poll(() => ann.page.getByRole('group', { name: 'Sync' }).innerText()).toContain(annFile);
    const annMembers = ann.page.getByRole('table', { name: 'Members' });
    await expect.poll(() => annMembers.getByRole('row').count()).toBe(2); // heading + Ann

    // Add member: the fingerprint shown is recomputed from Bob's keys and matches his.
    await ann.page.getByRole('button', { name: 'Add member' }).click();
    const add = ann.page.getByRole('dialog', { name: 'Add member' });
    await add.getByLabel('Identity text', { exact: true }).fill(bobText);
    await expect.poll(() => add.getByTestId('fingerprint').count()).toBe(1);
    expect((await add.getByTestId('fingerprint').innerText()).replace(/\s+/g, '')).toBe(bobProfile.fingerprint.replace(/\s+/g, ''));
    await add.getByLabel('Role', { exact: true }).selectOption({ label: 'Editor' });
    // Not before the comparison is confirmed.
    await add.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => add.getByText('Compare the fingerprint with them first.').isVisible()).toBe(true);
    expect((await ann.host.call('team.get', {})).members).toHaveLength(1);
    await add.getByRole('checkbox', { name: 'I compared this fingerprint with Bob and it matches' }).check();
    await add.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => add.count()).toBe(0);
    await expect.poll(() => annMembers.getByRole('row', { name: /Bob/ }).count()).toBe(1);
    expect(await annMembers.getByLabel('Role of Bob').inputValue()).toBe('editor');

    // Sync now writes Bob into the file; the sync service carries it to Bob's folder.
    await syncNow(ann.page);
    await expect.poll(() => readFileSync(annFile, 'utf8').includes(bobProfile.memberId)).toBe(true);
    deliverFile(annFile, bobFile);

    await workspaceMenu(bob.page, 'Open workspace file…');
    const open = bob.page.getByRole('dialog', { name: 'Open workspace file' });
    await open.getByLabel('Workspace file', { exact: true }).fill(bobFile);
    await open.getByRole('button', { name: 'Open workspace' }).click();
    await expect.poll(() => open.count()).toBe(0);
    await expect.poll(() => bob.page.getByRole('button', { name: /^Workspace:/ }).innerText()).toMatch(/Acme/);
    await nav(bob.page, 'Team');
    const bobMembers = bob.page.getByRole('table', { name: 'Members' });
    await expect.poll(() => bobMembers.getByRole('row', { name: /Ann/ }).innerText()).toMatch(/Owner/);
    await expect.poll(() => bobMembers.getByRole('row', { name: /Bob/ }).innerText()).toMatch(/\(you\)[\s\S]*Editor/);
    // An Editor doesn't manage members.
    expect(await bob.page.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    expect(await bobMembers.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    // And Ann still sees both.
    expect(await annMembers.getByRole('row', { name: /Ann|Bob/ }).count()).toBe(2);
    await expectNoLeak();
  });

  it('lists keys on the All, Team, Private and Private (Admin View) tabs by their access', async () => {
    // A group for the Admin View to list.
    await nav(ann.page, 'Team');
    await ann.page.getByRole('button', { name: 'New group' }).click();
    const group = ann.page.getByRole('dialog', { name: 'New group' });
    await group.getByLabel('Group name', { exact: true }).fill('Ops');
    await group.getByRole('checkbox', { name: /Bob/ }).check();
    await group.getByRole('button', { name: 'Create group' }).click();
    await expect.poll(() => group.count()).toBe(0);

    await createKey(ann.page, { name: 'Team token', value: teamValue, access: 'Team', visibility: 'Masked' });
    await createKey(ann.page, { name: 'Payroll', value: payrollValue, access: 'Restricted', visibility: 'Hidden' });
    await createKey(ann.page, {
      name: 'Deploy key',
      value: deployValue,
      access: 'Restricted',
      visibility: 'Masked',
      grants: [
        { who: 'Ops (1 member)', level: 'Use' },
        { who: 'Bob (bob@example.com)', level: 'Manage' },
      ],
    });

    const page = ann.page;
    await expectTab(page, 'All', ['Deploy key', 'Payroll', 'Team token']);
    await page.getByRole('tab', { name: 'All', exact: true }).click();
    // Masked keys show their last 4 characters; hidden ones nothing.
    const teamRow = page.getByRole('row', { name: /Team token/ });
    await expect.poll(() => teamRow.innerText()).toContain('••••Q7xZ');
    expect(await page.getByRole('row', { name: /Payroll/ }).innerText()).not.toContain('••••');
    await expectTab(page, 'Team', ['Team token']);
    // Ann is the Owner: she may use every restricted key.
    await expectTab(page, 'Private', ['Deploy key', 'Payroll']);
    await expectTab(page, 'Private (Admin View)', ['Deploy key', 'Payroll']);
    const deployAccess = page.getByRole('list', { name: 'People and groups with access to Deploy key' });
    const grants = (await deployAccess.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()).sort();
    expect(grants).toHaveLength(2);
    expect(grants[0]).toBe('Bob · Manage');
    expect(grants[1]).toMatch(/^Ops ?Group · Use$/); // the group, badged as one
    expect(await page.getByRole('list', { name: 'People and groups with access to Payroll' }).count()).toBe(0);
    expect(await page.getByRole('row', { name: /Payroll/ }).innerText()).toMatch(/No one added/);

    // Bob, an Editor, sees the Team key and the key shared with him; not Payroll, and no Admin View.
    await convergeHosts(copies());
    await nav(bob.page, 'Secret Keys');
    await expectTab(bob.page, 'All', ['Deploy key', 'Team token']);
    await expectTab(bob.page, 'Team', ['Team token']);
    await expectTab(bob.page, 'Private', ['Deploy key']);
    expect(await bob.page.getByRole('tab', { name: 'Private (Admin View)' }).count()).toBe(0);
    await expectNoLeak();
  });

  it('grants Bob Use on the restricted key through Update permissions, then revokes it; Bob’s list follows each sync', async () => {
    const page = ann.page;
    const payrollId = (await ann.host.call('secrets.list', {})).find((k) => k.name === 'Payroll')!.id;
    const [annId, bobId] = [(await ann.host.call('identity.get', {})).memberId, (await bob.host.call('identity.get', {})).memberId];
    // Restricted to no one: only Ann (the Owner) can open its data key.
    expect(sealedFor(annFile, payrollId).wrappedFor).toEqual([annId]);
    await nav(page, 'Secret Keys');
    await page.getByRole('tab', { name: 'All', exact: true }).click();
    let dialog = await openUpdatePermissions(page, 'Payroll');
    expect(await dialog.getByRole('radio', { name: 'Restricted', exact: true }).isChecked()).toBe(true);
    await addGrant(dialog, 'Bob (bob@example.com)', 'Use');
    expect(await dialog.getByLabel('Access for Bob', { exact: true }).inputValue()).toBe('use');
    await dialog.getByRole('button', { name: 'Save permissions' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await ann.host.call('secrets.list', {})).find((k) => k.id === payrollId)!.access).toEqual({
      kind: 'restricted',
      grants: [{ principal: { kind: 'member', id: bobId }, level: 'use' }],
    });
    await page.getByRole('tab', { name: 'Private (Admin View)', exact: true }).click();
    await expect.poll(() => page.getByRole('list', { name: 'People and groups with access to Payroll' }).innerText()).toMatch(/Bob\s*·\s*Use/);

    // Ann's Sync now writes it: the value's data key is now wrapped for Bob too. The file
    // reaches Bob, whose host follows it by itself.
    await syncNow(page);
    await expect.poll(() => sealedFor(annFile, payrollId).wrappedFor).toEqual([annId, bobId].sort());
    const granted = sealedFor(annFile, payrollId);
    deliverFile(annFile, bobFile);
    await nav(bob.page, 'Secret Keys');
    await expectTab(bob.page, 'Private', ['Deploy key', 'Payroll']);
    // Use, not Manage: Bob's menu has no Update permissions.
    await bob.page.getByRole('button', { name: 'Actions for Payroll' }).click();
    await expect.poll(() => bob.page.getByRole('menuitem', { name: 'Used by' }).isVisible()).toBe(true);
    expect(await bob.page.getByRole('menuitem', { name: 'Update permissions' }).count()).toBe(0);
    await bob.page.keyboard.press('Escape');

    // Revoke.
    await nav(page, 'Secret Keys');
    dialog = await openUpdatePermissions(page, 'Payroll');
    await dialog.getByRole('button', { name: 'Remove Bob', exact: true }).click();
    await expect.poll(() => dialog.getByLabel('Access for Bob', { exact: true }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Save permissions' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.getByRole('row', { name: /Payroll/ }).innerText()).toMatch(/No one added/);
    await convergeHosts(copies());
    // Re-keyed without Bob: a new data key, wrapped for Ann alone.
    const revoked = sealedFor(bobFile, payrollId);
    expect(revoked.wrappedFor).toEqual([annId]);
    expect(revoked.data).not.toBe(granted.data);
    await expectTab(bob.page, 'Private', ['Deploy key']);
    await expectTab(bob.page, 'All', ['Deploy key', 'Team token']);

    // Activity records both changes of Payroll's permissions, by Ann.
    await nav(page, 'Activity');
    await page.getByLabel('Secret key', { exact: true }).selectOption({ label: 'Payroll' });
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Permissions changed' });
    const activity = page.getByRole('table', { name: 'Activity' });
    await expect.poll(() => activity.getByRole('row', { name: /Ann.*Permissions changed.*Payroll/ }).count()).toBe(2);
    await expectNoLeak();
  });

  it('refuses Bob’s run of a workflow that uses the restricted key, before anything is sent', async () => {
    const payroll = (await ann.host.call('secrets.list', {})).find((k) => k.name === 'Payroll')!;
    const workflow = await ann.host.call('workflows.create', { name: 'Payroll run' });
    await ann.host.call('workflows.save', {
      id: workflow.id,
      name: 'Payroll run',
      definition: definition(httpStep('Send payroll', { url: t(`${echo.url}/payroll`), auth: { kind: 'bearer', token: s(payroll.id) } })),
    });

    // The workflow works for Ann: the server gets the value.
    await nav(ann.page, 'Workflows');
    await ann.page.getByRole('button', { name: 'Payroll run', exact: true }).click();
    await ann.page.getByRole('button', { name: 'Run', exact: true }).click();
    const annRun = ann.page.getByRole('region', { name: 'Run', exact: true });
    await expect.poll(() => annRun.getByText('OK', { exact: true }).count()).toBeGreaterThanOrEqual(1);
    expect(echo.received.map((r) => [r.url, r.headers.authorization])).toEqual([['/payroll', `Bearer ${payrollValue}`]]);

    await convergeHosts(copies());
    const sent = echo.received.length;
    await nav(bob.page, 'Workflows');
    await bob.page.getByRole('button', { name: 'Payroll run', exact: true }).click();
    await bob.page.getByRole('button', { name: 'Run', exact: true }).click();
    const bobRun = bob.page.getByRole('region', { name: 'Run', exact: true });
    await expect.poll(() => bobRun.getByText('Failed', { exact: true }).count()).toBeGreaterThan(0);
    // The failed step's result, open, says which step and field, and why.
    const results = bobRun.getByRole('list', { name: 'Step results' });
    await expect.poll(() => results.innerText()).toMatch(/no access/);
    const message = await results.locator('.run-error').innerText();
    expect(message).toMatch(/^Step 1 “Send payroll”, field /);
    expect(message).toMatch(/restricted secret key you have no access to/);
    expect(message).toMatch(/Nothing was sent/);
    expect(echo.received.length).toBe(sent);
    await expectNoLeak();
  });

  it('has no serious or critical accessibility violations in the team views and dialogs', async () => {
    const page = ann.page;
    const found: string[] = [];
    const check = async (where: string) => found.push(...(await seriousViolations(page)).map((v) => `${where}: ${v}`));
    await nav(page, 'Team');
    await expect.poll(() => page.getByRole('table', { name: 'Members' }).isVisible()).toBe(true);
    await check('Team');
    await page.getByRole('button', { name: 'Add member' }).click();
    const add = page.getByRole('dialog', { name: 'Add member' });
    await add.getByLabel('Identity text', { exact: true }).fill((await bob.host.call('identity.export', {})).text);
    await check('Add member');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Remove Bob' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('alertdialog', { name: 'Remove Bob?' })
          .or(page.getByRole('dialog', { name: 'Remove Bob?' }))
          .isVisible(),
      )
      .toBe(true);
    await check('Remove member');
    await page.keyboard.press('Escape');
    await nav(page, 'Secret Keys');
    await page.getByRole('tab', { name: 'Private (Admin View)', exact: true }).click();
    await check('Private (Admin View)');
    const dialog = await openUpdatePermissions(page, 'Deploy key');
    await check('Update permissions');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Create Secret Key' }).click();
    await check('Create Secret Key');
    await page.keyboard.press('Escape');
    await nav(page, 'Activity');
    await check('Activity');
    await page.getByRole('button', { name: 'Your identity' }).click();
    await check('Your identity');
    await page.keyboard.press('Escape');
    expect(found).toEqual([]);
    // Escape cancelled the removal.
    expect((await ann.host.call('team.get', {})).members.map((m) => m.name)).toEqual(['Ann', 'Bob']);
  });

  it('removes Bob after showing what it deletes and re-keys, then lists the credentials to rotate', async () => {
    // Bob, an Editor, creates a key in his browser; Ann's workflow comes to use it.
    await createKey(bob.page, { name: 'Bob webhook', value: bobValue, access: 'Team', visibility: 'Hidden' });
    await convergeHosts(copies());
    const bobKey = (await ann.host.call('secrets.list', {})).find((k) => k.name === 'Bob webhook')!;
    expect(bobKey.createdBy).toBe('Bob');
    const uses = await ann.host.call('workflows.create', { name: 'Webhook run' });
    await ann.host.call('workflows.save', {
      id: uses.id,
      name: 'Webhook run',
      definition: definition(httpStep('Call hook', { url: t(`${echo.url}/hook`), auth: { kind: 'bearer', token: s(bobKey.id) } })),
    });
    const teamKey = (await ann.host.call('secrets.list', {})).find((k) => k.name === 'Team token')!;
    const [annId, bobId] = [(await ann.host.call('identity.get', {})).memberId, (await bob.host.call('identity.get', {})).memberId];
    await ann.host.call('workspaces.sync', {});
    const before = sealedFor(annFile, teamKey.id);
    expect(before.wrappedFor).toEqual([annId, bobId].sort());

    const page = ann.page;
    await nav(page, 'Team');
    await page.getByRole('button', { name: 'Remove Bob' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove Bob?' });
    const deletes = confirm.getByRole('region', { name: 'Keys that will be deleted' });
    await expect.poll(() => deletes.isVisible()).toBe(true);
    // One key: "it", not "them".
    expect(await deletes.getByText('1 key Bob created will be deleted. Workflows that use it will show “Needs reconfiguration” until they get another key.').count()).toBe(1);
    expect((await deletes.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(['Bob webhook — used by Webhook run']);
    const rekeys = confirm.getByRole('region', { name: 'Keys that will be re-keyed' });
    expect((await rekeys.getByRole('listitem').allInnerTexts()).sort()).toEqual(['Deploy key', 'Team token']);
    await confirm.getByRole('button', { name: 'Remove member' }).click();

    const removed = page.getByRole('alertdialog', { name: 'Bob was removed' });
    await expect.poll(() => removed.isVisible()).toBe(true);
    expect((await removed.getByRole('list', { name: 'Credentials to rotate' }).getByRole('listitem').allInnerTexts()).sort()).toEqual(['Deploy key', 'Team token']);
    await removed.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => removed.count()).toBe(0);
    const members = page.getByRole('table', { name: 'Members' });
    await expect.poll(() => members.getByRole('row', { name: /Bob/ }).count()).toBe(0);
    expect(await members.getByRole('row', { name: /Ann/ }).count()).toBe(1);

    // Bob's key is gone; the workflow that used it needs reconfiguration.
    await nav(page, 'Secret Keys');
    await expectTab(page, 'All', ['Deploy key', 'Payroll', 'Team token']);
    await nav(page, 'Workflows'); // the list, even though Ann left Payroll run open
    await expect.poll(() => page.getByRole('row', { name: /Webhook run/ }).innerText()).toMatch(/Needs reconfiguration/);

    // The keys Bob could use are re-keyed for Ann alone; Bob's app says he was removed.
    await convergeHosts(copies());
    const after = sealedFor(bobFile, teamKey.id);
    expect(after.wrappedFor).toEqual([annId]);
    expect(after.data).not.toBe(before.data);
    await nav(bob.page, 'Team');
    const notice = bob.page.getByRole('status', { name: 'You were removed from Acme' });
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toMatch(/Ann removed you from this workspace on .+ Keyflow removed its secret keys from this machine/);
    expect(await bob.page.getByText('Sync failed').count()).toBe(0);
    await nav(bob.page, 'Secret Keys');
    await expectTab(bob.page, 'All', []);
    await expectNoLeak();
  });

  it('never lets a value reach either page, its storage, the workspace files or the user-data dirs', async () => {
    const payrollId = (await ann.host.call('secrets.list', {})).find((k) => k.name === 'Payroll')!.id;
    // Every view of both people, with the tabs that list keys.
    for (const who of [ann, bob]) {
      for (const view of ['Workflows', 'Team', 'Activity', 'Secret Keys'] as const) {
        await nav(who.page, view);
        await expect.poll(() => who.page.getByRole('heading', { level: 1 }).first().isVisible()).toBe(true);
        const surfaces = await pageSurfaces(who.page);
        for (const value of VALUES) expect(leakedForms(surfaces, value), `${who.name}: ${view}`).toEqual([]);
      }
      for (const tab of ['All', 'Team', 'Private', 'Private (Admin View)']) {
        if ((await who.page.getByRole('tab', { name: tab, exact: true }).count()) === 0) continue;
        await who.page.getByRole('tab', { name: tab, exact: true }).click();
        const surfaces = await pageSurfaces(who.page);
        for (const value of VALUES) expect(leakedForms(surfaces, value), `${who.name}: ${tab}`).toEqual([]);
      }
    }
    // Both copies of the file hold every key, encrypted only.
    for (const file of [annFile, bobFile]) {
      const bytes = readFileSync(file);
      for (const value of VALUES) expect(leakedForms(bytes, value), file).toEqual([]);
      expect(bytes.toString('utf8')).toContain(payrollId);
    }
    await expectNoLeak();
    expect(ann.app.pageErrors).toEqual([]);
    expect(bob.app.pageErrors).toEqual([]);
  });
});
