/** Debian's Chromium driven by playwright-core (never a downloaded browser). */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningHost } from './host-process';

export const CHROMIUM = process.env.KEYFLOW_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface AppPage {
  page: Page;
  /** Every bridge response body the page received, as text. */
  bridgeResponses: string[];
  /** Console errors and CSP violations reported by the page. */
  pageErrors: string[];
}

/** Opens the host's launch URL in a fresh context, recording what crosses the bridge. */
export async function openApp(browser: Browser, host: RunningHost): Promise<AppPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bridgeResponses: string[] = [];
  const pageErrors: string[] = [];
  page.on('response', async (response) => {
    if (new URL(response.url()).pathname.startsWith('/bridge/')) bridgeResponses.push(await response.text().catch(() => ''));
  });
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await slowMotion(page);
  await page.goto(host.launchUrl);
  return { page, bridgeResponses, pageErrors };
}

/**
 * Plays every animation and transition five times slower than written, as a machine busy
 * with other work does: a check that reads the page mid-fade fails here every time rather
 * than on a loaded CI machine now and then.
 */
async function slowMotion(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Animation.enable');
  await cdp.send('Animation.setPlaybackRate', { playbackRate: 0.2 });
}

/** Everything the page keeps where script can read it: the DOM (with input values) and browser storage. */
export async function pageSurfaces(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const inputs = [...document.querySelectorAll('input, textarea')].map((el) => (el as HTMLInputElement).value);
    const local = JSON.stringify({ ...localStorage });
    const session = JSON.stringify({ ...sessionStorage });
    const databases = 'databases' in indexedDB ? JSON.stringify(await indexedDB.databases()) : '';
    return [document.documentElement.outerHTML, inputs.join('\n'), local, session, databases, document.cookie].join('\n');
  });
}
