/**
 * In Chromium against the browser host: a pasted cURL command's bearer token becomes one
 * key in the preview and reaches the local server at run time; a token typed into a header
 * is spotted at once (nothing is sent while typing) and converted to a chip; Save waits for
 * a decision; a .env file's values go to the environment picked; the Security check
 * converts what was kept as plain text, and a variable holding a token.
 */
import { describe, expect, it } from 'vitest';
import { openApp, pageSurfaces } from '../support/browser';
import { appFixture } from '../support/app-fixture';
import { leakedForms, leaksInFiles } from '../support/canary';
import { READER_TOKENS } from '../unit/imports/published-curl';
import { seriousViolations } from '../support/accessibility';

const setup = appFixture();

describe('importing and converting credentials in Chromium', () => {
  it('pastes a cURL command with a bearer token → preview → one key → the run sends the token to the server', async () => {
    const app = await openApp(setup.browser, setup.host);
    const { page } = app;
    const token = 'Zx9Qm2Lp7Vt4Kw8Rj3Nd6Hb1Yc5Ea';
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('button', { name: 'New workflow from…' }).click();
    await page.getByRole('menuitem', { name: 'cURL command…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New workflow from a cURL command' });
    await dialog.getByLabel('Paste the cURL command').fill(`curl ${setup.echo.url}/setup.echo \\\n  -H "Accept: application/json" \\\n  -H "Authorization: Bearer ${token}"`);
    await dialog.getByRole('button', { name: 'Preview' }).click();

    await expect.poll(() => dialog.getByText('Credentials found (1)').isVisible()).toBe(true);
    await expect.poll(() => dialog.getByText(`Bearer token ending in ${token.slice(-4)}`).isVisible()).toBe(true);
    const name = dialog.getByLabel('Key name');
    expect(await name.inputValue()).toBe('127.0.0.1 bearer token');
    expect(await dialog.getByLabel('Allowed domains').inputValue()).toBe('127.0.0.1');
    await name.fill('Echo bearer');
    // The pasted text left the page with the paste field.
    expect(leakedForms(await pageSurfaces(page), token)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await expect.poll(() => dialog.getByText('Creates 1 workflow with 1 step and 1 secret key.').isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Import' }).click();

    // The one workflow opens; its header holds the key's chip.
    await expect.poll(() => page.getByRole('button', { name: 'Run', exact: true }).isVisible()).toBe(true);
    const keys = await setup.host.call('secrets.list', {});
    expect(keys.map((key) => [key.name, key.allowedDomains])).toEqual([['Echo bearer', ['127.0.0.1']]]);
    const [imported] = await setup.host.call('workflows.list', {});
    const step = (await setup.host.call('workflows.get', { id: imported!.id })).steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    expect(step.config.headers[1]).toEqual({
      key: 'Authorization',
      value: [
        { kind: 'text', text: 'Bearer ' },
        { kind: 'secret', secretId: keys[0]!.id },
      ],
      enabled: true,
    });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const run = page.getByRole('region', { name: 'Run' });
    await expect.poll(() => run.getByText('OK', { exact: true }).count()).toBeGreaterThanOrEqual(1);
    expect(setup.echo.received.at(-1)!.headers.authorization).toBe(`Bearer ${token}`);

    expect(leakedForms(await pageSurfaces(page), token)).toEqual([]);
    expect(app.bridgeResponses.flatMap((body) => leakedForms(body, token))).toEqual([]);
    expect(leaksInFiles(setup.host.userDataDir, token)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('a token typed into a header is spotted without a bridge call, converted in one click to a chip; Save waits for a decision on the rest', async () => {
    const workflow = await setup.host.call('workflows.create', { name: 'Convert here' });
    const app = await openApp(setup.browser, setup.host);
    const { page } = app;
    let bridgeCalls = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/bridge/')) bridgeCalls++;
    });
    await page.goto(`${setup.host.origin}/#/workflows/${workflow.id}`);
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByRole('menuitem', { name: 'Send API Request' }).click();
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill(`${setup.echo.url}/setup.echo`);
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name', { exact: true }).fill('Authorization');
    await expect.poll(() => page.getByText('Unsaved changes').isVisible()).toBe(true);

    const token = READER_TOKENS.github;
    const before = bridgeCalls;
    await page.getByRole('textbox', { name: 'Header Authorization', exact: true }).fill(`Bearer ${token}`);
    const notice = page.getByText(`This looks like a github token ending in ${token.slice(-4)}`);
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(bridgeCalls).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Convert to secret key' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Secret key GitHub token' }).count()).toBe(1);
    expect(await notice.count()).toBe(0);
    expect(leakedForms(await pageSurfaces(page), token)).toEqual([]);

    // A password in the query string: Save is refused, naming where, until it is decided.
    const password = 'Wonderland-42!';
    await page.getByRole('textbox', { name: 'URL', exact: true }).fill(`${setup.echo.url}/setup.echo?password=${password}`);
    await expect.poll(() => page.getByText('This looks like a password').isVisible()).toBe(true);
    const stepBadge = page.getByRole('listitem', { name: 'Send API Request' }).getByText('Credential in plain text');
    await expect.poll(() => stepBadge.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Not saved: Step 1 “Send API Request”, URL: holds a password in plain text.', { exact: false }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Keep as plain text' }).click();
    await expect.poll(() => stepBadge.count()).toBe(0);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('All changes saved').isVisible()).toBe(true);

    const saved = await setup.host.call('workflows.get', { id: workflow.id });
    const step = saved.steps[0]!;
    if (step.action !== 'http.request') throw new Error('not a request');
    expect(step.config.headers[0]!.value).toEqual([
      { kind: 'text', text: 'Bearer ' },
      { kind: 'secret', secretId: expect.any(String) },
    ]);
    expect(step.plainText).toHaveLength(1);
    expect(app.bridgeResponses.flatMap((body) => leakedForms(body, token))).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('a .env file’s keys and variables go to the environment picked in the preview', async () => {
    const staging = (await setup.host.call('environments.create', { name: 'Staging' })).environments.find((environment) => environment.name === 'Staging')!;
    const key = ['sk', 'test', '51Hq8Rj3Nd6Hb1Yc5EaQm7Xv2Lp9Zr8Ux0So'].join('_');
    const app = await openApp(setup.browser, setup.host);
    const { page } = app;
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('button', { name: 'New workflow from…' }).click();
    await page.getByRole('menuitem', { name: '.env file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New workflow from a .env file' });
    await dialog.getByLabel('Paste the .env file').fill(`# staging\nSTAGING_API_BASE=https://staging.example.test/v1\nSTRIPE_SECRET_KEY=${key}\n`);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const where = dialog.getByLabel('Values go to');
    await expect.poll(() => where.isVisible()).toBe(true);
    await where.selectOption({ label: 'Staging' });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    const view = await setup.host.call('environments.list', {});
    expect(view.variables.find((variable) => variable.name === 'STAGING_API_BASE')?.values).toEqual({ [staging.id]: 'https://staging.example.test/v1' });
    const stripe = (await setup.host.call('secrets.list', {})).find((meta) => meta.name === 'STRIPE_SECRET_KEY')!;
    expect(stripe.values.map((value) => value.environmentId)).toEqual([staging.id]);
    expect(leakedForms(await pageSurfaces(page), key)).toEqual([]);
    expect(app.bridgeResponses.flatMap((body) => leakedForms(body, key))).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('the Security check lists what was kept as plain text, and Convert turns it into a key everywhere', async () => {
    const opaque = 'Qm7Xv2Lp9Wt4Kz8Rj3Nd6Hb1';
    const source = { format: 'curl' as const, text: `curl ${setup.echo.url}/setup.echo -H "X-API-Key: ${opaque}"` };
    const preview = await setup.host.call('imports.preview', { source });
    await setup.host.call('imports.commit', { source, decisions: { credentials: preview.credentials.map((c) => ({ id: c.id, action: 'plain' as const })) } });

    const app = await openApp(setup.browser, setup.host);
    const { page } = app;
    await page.getByRole('link', { name: 'Security check' }).click();
    const finding = page.getByRole('listitem', { name: `API key ending in ${opaque.slice(-4)}` });
    await expect.poll(() => finding.isVisible()).toBe(true);
    await expect.poll(() => finding.getByText('Kept as plain text').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await finding.getByLabel('Key name').fill('Partner API key');
    await finding.getByRole('button', { name: 'Convert to secret key' }).click();
    await expect.poll(() => page.getByRole('listitem', { name: `API key ending in ${opaque.slice(-4)}` }).count()).toBe(0);
    expect((await setup.host.call('secrets.list', {})).map((key) => key.name)).toContain('Partner API key');
    expect((await setup.host.call('security.scan', {})).filter((f) => f.ruleId === 'keyflow/api-key-header')).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('the Security check lists a variable holding a token, and Convert makes the variable a key', async () => {
    // A token no earlier test stored (the host's tripwire refuses any response holding a stored value).
    const token = ['ghp', 'Wt4Kz8Rj3Nd6Hb1Yc5EaQm7Xv2Lp9Zr8Ux0S'].join('_');
    await setup.host.call('variables.create', { name: 'partner', values: { default: token } });

    const app = await openApp(setup.browser, setup.host);
    const { page } = app;
    await page.getByRole('link', { name: 'Security check' }).click();
    const finding = page.getByRole('listitem', { name: `GitHub token ending in ${token.slice(-4)}` });
    await expect.poll(() => finding.isVisible()).toBe(true);
    expect(await finding.getByText('Variable partner in Default').isVisible()).toBe(true);
    // A variable can't keep a credential: converting is the way.
    expect(await finding.getByRole('button', { name: 'Keep as plain text' }).count()).toBe(0);
    expect(await finding.getByLabel('Key name').inputValue()).toBe('partner');
    expect(await seriousViolations(page)).toEqual([]);
    await finding.getByRole('button', { name: 'Convert to secret key' }).click();
    await expect.poll(() => finding.count()).toBe(0);
    expect((await setup.host.call('secrets.list', {})).map((key) => key.name)).toContain('partner');
    expect((await setup.host.call('environments.list', {})).variables.map((variable) => variable.name)).not.toContain('partner');
    expect(leakedForms(await pageSurfaces(page), token)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
