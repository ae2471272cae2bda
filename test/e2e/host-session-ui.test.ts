/**
 * The browser host's session in real Chromium (issue 10, findings 11 and 12): the launch
 * page signs a window in without its secret reaching an address, the history or the session
 * files, and two hosts side by side keep working in one browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/browser';
import { startHost, tempDir, type RunningHost } from '../support/host-process';

const hosts: RunningHost[] = [];
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  for (const h of hosts.splice(0)) if (h.child.exitCode === null) await h.stop();
});

async function shippedHost(): Promise<RunningHost> {
  const h = await startHost({ shipped: true });
  hosts.push(h);
  return h;
}

/** A persistent profile, as the host's own Chromium window has. */
async function profile(dir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  contexts.push(context);
  return context;
}

const launchSecretOf = (h: RunningHost) => /name="launch" value="([^"]+)"/.exec(readFileSync(fileURLToPath(h.launchUrl), 'utf8'))![1]!;

function filesHolding(dir: string, needle: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => {
      const bytes = readFileSync(file);
      return bytes.includes(needle) || bytes.includes(Buffer.from(needle, 'utf16le'));
    });
}

describe('browser host session in Chromium', () => {
  it('signs a window in from the launch page; the launch secret is in no URL, history or session file, and works once', async () => {
    const h = await shippedHost();
    const launch = launchSecretOf(h);
    const dir = tempDir('chromium-profile');
    const context = await profile(dir);
    const page = await context.newPage();
    await page.goto(h.launchUrl);
    await page.waitForURL(`${h.origin}/`);
    await expect.poll(() => page.getByRole('heading', { name: 'Manage Secret Keys' }).isVisible()).toBe(true);
    expect(page.url()).not.toContain(launch);
    await context.close();
    contexts.length = 0;
    expect(filesHolding(dir, launch)).toEqual([]);
    expect((await fetch(`${h.origin}/session`, { method: 'POST', body: new URLSearchParams({ launch }) })).status).toBe(403);
  });

  it('keeps two hosts side by side signed in, in one browser', async () => {
    const [a, b] = [await shippedHost(), await shippedHost()];
    await a.call('secrets.create', { name: 'Only in A', value: 'value-in-host-a-0123' });
    const context = await profile(tempDir('chromium-profile'));
    const pageA = await context.newPage();
    await pageA.goto(a.launchUrl);
    await expect.poll(() => pageA.getByRole('cell', { name: 'Only in A' }).first().isVisible()).toBe(true);
    const pageB = await context.newPage();
    await pageB.goto(b.launchUrl);
    await expect.poll(() => pageB.getByRole('heading', { name: 'Manage Secret Keys' }).isVisible()).toBe(true);
    await pageA.reload();
    await expect.poll(() => pageA.getByRole('cell', { name: 'Only in A' }).first().isVisible()).toBe(true);
  });
});
