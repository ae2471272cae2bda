/**
 * The browser host: the same main-process core under plain Node, serving the built
 * renderer to Chromium on 127.0.0.1. Used where the Electron binary can't run, and by
 * the end-to-end tests.
 */
import { join } from 'node:path';
import { startCore } from '../core/keyflow-core';
import { KeytarKeyStore } from '../core/keystore/keytar-key-store';
import { tripwireRequested } from '../core/bridge/tripwire';
import { HostArgsError, parseHostArgs } from './host-args';
import { startHostServer } from './host-server';
import { openInChromium } from './open-browser';

async function main(): Promise<void> {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof HostArgsError) {
      process.stderr.write(`keyflow: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const core = await startCore({
    userDataDir: args.userDataDir,
    keyStores: { keychain: new KeytarKeyStore() },
    host: 'browser',
    tripwire: tripwireRequested(),
  });
  const server = await startHostServer({
    dispatch: core.dispatch,
    subscribe: core.subscribe,
    rendererDir: join(__dirname, '..', 'renderer'),
    launchFile: join(args.userDataDir, `open-keyflow-${process.pid}.html`),
    port: args.port,
    logger: core.logger,
  });
  // The launch page's address holds no secret: printing it, or passing it to Chromium, reveals nothing.
  process.stdout.write(`Keyflow is running at ${server.origin}/\nTo open it in a browser, open ${server.launchUrl}\n`);
  if (args.open) openInChromium(server.launchUrl, args.userDataDir);

  const stop = async () => {
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`keyflow: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
