/** One Chromium, one echo server and one browser host for a test file: started before its tests, stopped after. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startEchoServer, type EchoServer } from './echo-server';
import { startHost, type RunningHost } from './host-process';

export interface AppFixture {
  browser: Browser;
  echo: EchoServer;
  host: RunningHost;
}

export function appFixture(): AppFixture {
  const fixture = {} as AppFixture;
  beforeAll(async () => {
    fixture.browser = await launchChromium();
    fixture.echo = await startEchoServer();
    fixture.host = await startHost();
  });
  afterAll(async () => {
    await fixture.host?.stop();
    await fixture.echo?.close();
    await fixture.browser?.close();
  });
  return fixture;
}
