import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

/** curlconverter's shell parser, replaced by Keyflow's WebAssembly one (as scripts/build.mjs does for the bundles). */
const bashParser: Plugin = {
  name: 'keyflow-bash-parser',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === './Parser.js' && importer?.includes('/curlconverter/')) return resolve('electron/core/imports/curl/bash-parser.ts');
    return null;
  },
};

export default defineConfig({
  plugins: [bashParser],
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and end-to-end suites start real processes (host, keyring, Chromium):
    // with 2 cores, one file at a time keeps timings honest and ports uncontended.
    fileParallelism: false,
    // Generous: a limit only matters when something hangs, and CI shares its two cores with
    // other work (at a load of 20 the recovery tests' scrypt derivations alone took a minute).
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // curlconverter goes through vite so that the plugin above applies to it.
    server: { deps: { inline: [/curlconverter/] } },
    // UI updates in Chromium, and answers that wait on a key derivation, can take far longer
    // than the 1 s default on a busy 2-core machine.
    expect: { poll: { timeout: 30_000, interval: 50 } },
  },
});
