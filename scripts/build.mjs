// Builds everything `npm start`, the tests and electron-builder need into dist/:
//   dist/renderer/         the React app (vite)
//   dist/electron/main.js  the Electron shell's main process   (esbuild, CommonJS)
//   dist/electron/preload.js the sandboxed preload             (esbuild, CommonJS)
//   dist/host/main.js      the browser host                    (esbuild, CommonJS)
//   dist/cli/keyflow.js    the command-line runner            (esbuild, CommonJS)
// and, beside each of the last three, the WebAssembly the cURL importer parses shell with.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Native modules, and QuickJS whose wasm is read from its package at run time.
const external = ['electron', 'keytar', 'better-sqlite3', 'quickjs-emscripten'];

/**
 * curlconverter's shell parser loads the native tree-sitter addon (Node) or awaits its
 * WebAssembly at module load (browsers); both are replaced by Keyflow's loader of the same
 * grammar (electron/core/imports/curl/bash-parser.ts), as vitest.config.mts does for tests.
 */
export const bashParserPlugin = {
  name: 'keyflow-bash-parser',
  setup(build) {
    build.onResolve({ filter: /^\.\/Parser\.js$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'curlconverter')}`) ? { path: join(root, 'electron/core/imports/curl/bash-parser.ts') } : undefined,
    );
  },
};

/** The WebAssembly files bash-parser.ts reads beside its bundle. */
export const BASH_PARSER_WASM = ['web-tree-sitter/tree-sitter.wasm', 'curlconverter/dist/tree-sitter-bash.wasm'];

function copyWasm(folder) {
  const require = createRequire(join(root, 'package.json'));
  mkdirSync(join(root, folder), { recursive: true });
  for (const file of BASH_PARSER_WASM) copyFileSync(require.resolve(file), join(root, folder, file.split('/').at(-1)));
}

export async function buildAll({ quiet = false } = {}) {
  await viteBuild({ root: join(root, 'renderer'), configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'info' });
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external, sourcemap: 'linked', logLevel: quiet ? 'error' : 'info', absWorkingDir: root, plugins: [bashParserPlugin] };
  await Promise.all([
    esbuild({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.js' }),
    esbuild({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.js', sourcemap: false }),
    esbuild({ ...common, entryPoints: ['electron/host/main.ts'], outfile: 'dist/host/main.js' }),
    esbuild({ ...common, entryPoints: ['electron/cli/keyflow.ts'], outfile: 'dist/cli/keyflow.js' }),
  ]);
  for (const folder of ['dist/electron', 'dist/host', 'dist/cli']) copyWasm(folder);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildAll({ quiet: process.argv.includes('--quiet') });
}
