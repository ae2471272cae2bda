/**
 * The builder and its run view in Chromium: results beside the editor, JSON as a tree,
 * the last run on opening, history with duration, trigger and failing step; addresses
 * that survive a reload; one run per double click; the Run Code editor.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp } from '../support/browser';
import { seriousViolations } from '../support/accessibility';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { ROOT, startHost, type RunningHost } from '../support/host-process';
import { codeStep, definition, httpStep, s, t } from '../support/steps';

let browser: Browser;
let echo: EchoServer;
let host: RunningHost;
let tokenId: string;
beforeAll(async () => {
  browser = await launchChromium();
  echo = await startEchoServer();
  host = await startHost();
  tokenId = (await host.call('secrets.create', { name: 'Report token', value: 'rt_live_0123456789abcdef', readableByRunCode: true })).id;
});
afterAll(async () => {
  await host?.stop();
  await echo?.close();
  await browser?.close();
});

async function workflow(name: string, ...steps: Parameters<typeof definition>): Promise<string> {
  const created = await host.call('workflows.create', { name });
  await host.call('workflows.save', { id: created.id, name, definition: definition(...steps) });
  return created.id;
}

async function openAt(page: Page, hash: string): Promise<void> {
  await page.goto(`${host.origin}/${hash}`);
}

const inViewport = (page: Page, box: { y: number; height: number } | null) => box !== null && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height;

/** Runs the real command line on the host's vault (a second process on the same files, as a user would). */
function keyflowCli(...args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'keyflow.js'), ...args, '--user-data-dir', host.userDataDir], { timeout: 60_000 }, (error) =>
      resolve(error ? (typeof error.code === 'number' ? error.code : null) : 0),
    );
  });
}

describe('the run view in Chromium', () => {
  it('shows a run beside the editor on a 1366 × 768 screen: status, duration, trigger, steps, the response as a tree or raw, headers in a table', async () => {
    const id = await workflow(
      'Report',
      httpStep('Fetch report', { url: t(`${echo.url}/report`), auth: { kind: 'bearer', token: s(tokenId) } }),
      codeStep('Summarize', 'return { path: input.steps[Object.keys(input.steps)[0]].body.path, items: [1, 2, 3] };'),
    );
    const app = await openApp(browser, host);
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAt(page, `#/workflows/${id}`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const run = page.getByRole('region', { name: 'Run' });
    const last = run.getByRole('listitem', { name: '2. Summarize' });
    await expect.poll(() => last.getByText('OK', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('status').getByText('Run finished: all 2 steps OK').count()).toBe(1);

    // In view without scrolling: the run's status line and the last step's output.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(inViewport(page, await run.getByText(/^Started .* · took [\d.]+ (ms|s) · in Default · from the app$/).boundingBox())).toBe(true);
    const output = last.getByRole('tree', { name: 'Output' });
    expect(inViewport(page, await output.boundingBox())).toBe(true);
    await expect.poll(() => output.getByText('"/report"').count()).toBe(1);
    // The address names the run: a reload lands on it.
    expect(page.url()).toMatch(new RegExp(`#/workflows/${id}/runs/run_`));

    // The response as a tree that folds, or raw; its headers in a table.
    const first = run.getByRole('listitem', { name: '1. Fetch report' });
    await first.getByText('Details').click();
    const body = first.getByRole('tree', { name: 'Response body' });
    await expect.poll(() => body.getByText('"ok"').count()).toBe(1);
    await body.getByRole('button', { name: 'Collapse' }).first().click();
    await expect.poll(() => body.getByText('"ok"').count()).toBe(0);
    await first.locator('label', { hasText: 'Raw' }).click();
    expect(await first.getByRole('radio', { name: 'Raw' }).isChecked()).toBe(true);
    await expect.poll(() => first.getByLabel('Response body', { exact: true }).textContent()).toBe('{"ok":true,"path":"/report"}');
    await first.getByText('Response headers (').click();
    await expect
      .poll(() =>
        first
          .getByRole('table', { name: 'Response headers' })
          .getByRole('row', { name: /content-type/i })
          .count(),
      )
      .toBe(1);
    await first.getByText(/^Request:/).click();
    await expect
      .poll(() =>
        first
          .getByRole('table', { name: 'Request headers' })
          .getByRole('row', { name: /Authorization Bearer \*\*\*REDACTED-Report-token\*\*\*/ })
          .count(),
      )
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('opens a workflow on its last run, and lists runs with duration, trigger and the step they failed at', async () => {
    const id = await workflow('Nightly', httpStep('Fetch', { url: t(`${echo.url}/ok`) }), httpStep('Post', { url: t(`${echo.url}/status/500`) }), codeStep('After', 'return 1;'));
    expect(await keyflowCli('run', 'Nightly')).toBe(1);
    const { page } = await openApp(browser, host);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAt(page, '#/workflows');
    await page.getByRole('button', { name: 'Nightly', exact: true }).click();
    const run = page.getByRole('region', { name: 'Run' });
    // The command line's run, not "Press Run…".
    await expect.poll(() => run.getByText(/^Started .* · in Default · from the command line · failed at step 2 “Post”$/).count()).toBe(1);
    expect(await run.getByRole('listitem', { name: '3. After' }).getByText('Skipped', { exact: true }).count()).toBe(1);
    expect(await run.getByRole('listitem', { name: '3. After' }).getByText('Not run: the run stopped at an earlier step.').count()).toBe(1);
    const history = run.getByRole('region', { name: 'Run history' });
    await expect.poll(() => history.getByRole('link').count()).toBe(1);
    expect(await history.getByRole('link').textContent()).toMatch(/took [\d.]+ (ms|s) · in Default · from the command line · failed at step 2 “Post”$/);
    expect(await history.getByRole('link').getAttribute('href')).toMatch(new RegExp(`^#/workflows/${id}/runs/run_`));
  });

  it('starts one run for a double click on Run, and keeps Run off while it runs', async () => {
    const id = await workflow('Slow', httpStep('Wait', { url: t(`${echo.url}/slow?ms=1500`) }));
    const { page } = await openApp(browser, host);
    await openAt(page, `#/workflows/${id}`);
    const runButton = page.getByRole('button', { name: 'Run', exact: true });
    const sent = () => echo.received.filter((request) => request.url.startsWith('/slow')).length;
    const before = sent();
    await runButton.dblclick();
    await expect.poll(() => runButton.isDisabled()).toBe(true);
    const run = page.getByRole('region', { name: 'Run' });
    await expect.poll(() => run.getByRole('listitem', { name: '1. Wait' }).getByText('OK', { exact: true }).count()).toBe(1);
    await expect.poll(() => runButton.isEnabled()).toBe(true);
    expect(sent() - before).toBe(1);
    expect(await host.call('runs.list', { workflowId: id })).toHaveLength(1);
  });
});

describe('addresses and unsaved edits in Chromium', () => {
  it('keeps the view through a reload, asks before a reload drops unsaved edits, and the Workflows tab goes to the list', async () => {
    const id = await workflow('Addressed', codeStep('Code', 'return 1;'));
    const { page } = await openApp(browser, host);
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('button', { name: 'Addressed', exact: true }).click();
    await expect.poll(() => page.url()).toContain(`#/workflows/${id}`);
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Workflow name' }).inputValue()).toBe('Addressed');
    await page.getByRole('link', { name: 'Secret Keys' }).click();
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Manage Secret Keys' }).isVisible()).toBe(true);
    await page.goBack();
    await expect.poll(() => page.getByRole('textbox', { name: 'Workflow name' }).isVisible()).toBe(true);

    // Unsaved edits: a reload asks (and staying keeps them).
    await page.getByRole('textbox', { name: 'Workflow name' }).fill('Addressed, edited');
    const asked = page.waitForEvent('dialog');
    await page.evaluate(() => void setTimeout(() => location.reload()));
    const question = await asked;
    expect(question.type()).toBe('beforeunload');
    await question.dismiss();
    expect(await page.getByRole('textbox', { name: 'Workflow name' }).inputValue()).toBe('Addressed, edited');

    // The Workflows tab leads to the list, asking first; every button of that question is inside it.
    await page.getByRole('link', { name: 'Workflows' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Save changes to "Addressed, edited"?' });
    await expect.poll(() => ask.isVisible()).toBe(true);
    const frame = (await ask.boundingBox())!;
    for (const name of ['Keep editing', 'Discard changes', 'Save and leave']) {
      const box = (await ask.getByRole('button', { name }).boundingBox())!;
      expect(box.x >= frame.x && box.x + box.width <= frame.x + frame.width && box.y + box.height <= frame.y + frame.height, name).toBe(true);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    expect(page.url()).toContain(`#/workflows/${id}`);
    await page.getByRole('link', { name: 'Workflows' }).click();
    await ask.getByRole('button', { name: 'Save and leave' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Workflows' }).isVisible()).toBe(true);
    expect(page.url()).toMatch(/#\/workflows$/);
    expect((await host.call('workflows.get', { id })).name).toBe('Addressed, edited');
  });
});

describe('the Run Code editor in Chromium', () => {
  it('highlights JavaScript with line numbers, inserts input variables from its + menu, and marks the line a run threw at', async () => {
    const id = await workflow('Coded', codeStep('Compute', 'const a = 1;\nreturn a;', [{ name: 'token', value: s(tokenId) }]));
    const app = await openApp(browser, host);
    const { page } = app;
    await openAt(page, `#/workflows/${id}`);
    const editor = page.getByRole('textbox', { name: 'Code' });
    await expect.poll(() => editor.isVisible()).toBe(true);
    const code = page.locator('.code-editor');
    await expect.poll(() => code.locator('.cm-lineNumbers .cm-gutterElement').allTextContents()).toEqual(expect.arrayContaining(['1', '2']));
    // Keywords are drawn apart from names (highlighting), by the editor's own classes.
    expect(await code.locator('.cm-line span').first().textContent()).toBe('const');

    // Put the caret at the end of line 1, then insert input.token from the + menu.
    await code.locator('.cm-line').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type('\nconst b = ');
    await page.getByRole('button', { name: 'Insert into Code' }).click();
    await page.getByRole('menuitem', { name: 'input.token' }).click();
    await page.keyboard.type(';\nnull.boom;');
    await expect.poll(() => code.locator('.cm-line').allTextContents()).toEqual(['const a = 1;', 'const b = input.token;', 'null.boom;', 'return a;']);

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByText(/^Line 3: the code threw an error: TypeError: .*\(line 3\)$/).count()).toBe(1);
    await expect.poll(() => code.locator('.cm-gutter-lint .cm-lint-marker-error').count()).toBe(1);
    expect(await code.locator('.cm-lintRange-error').first().textContent()).toBe('null.boom;');
    expect((await host.call('workflows.get', { id })).steps[0]!.config).toMatchObject({ code: 'const a = 1;\nconst b = input.token;\nnull.boom;\nreturn a;' });
    expect(await seriousViolations(page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('types over a selection made a moment ago (by automation or a script) as the browser names it, never by the browser’s own editing', async () => {
    const id = await workflow('Retyped', codeStep('Compute', 'const a = 1;\nconst b = 2;\nreturn a + b;'));
    const app = await openApp(browser, host);
    const { page } = app;
    await openAt(page, `#/workflows/${id}`);
    const editor = page.getByRole('textbox', { name: 'Code' });
    await expect.poll(() => editor.isVisible()).toBe(true);

    // Select all three lines, keeping the news of it from the editor (as when typing arrives first on a busy machine), then type.
    await editor.click();
    const unheard = await editor.evaluateHandle((content) => {
      const unheard = (event: Event) => event.stopImmediatePropagation();
      window.addEventListener('selectionchange', unheard, { capture: true });
      const range = document.createRange();
      range.selectNodeContents(content);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return unheard;
    });
    await page.keyboard.insertText('return 42;');
    await unheard.evaluate((listener) => window.removeEventListener('selectionchange', listener, { capture: true }));
    await expect.poll(() => page.locator('.code-editor .cm-line').allTextContents()).toEqual(['return 42;']);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await host.call('workflows.get', { id })).steps[0]!.config).toMatchObject({ code: 'return 42;' });
    expect(app.pageErrors).toEqual([]);
  });
});
