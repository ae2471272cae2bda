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
import { EXTERNAL as external, bashParserPlugin } from './build-config.mjs';

/** The WebAssembly files bash-parser.ts reads beside its bundle. */
export const BASH_PARSER_WASM = ['web-tree-sitter/tree-sitter.wasm', 'curlconverter/dist/tree-sitter-bash.wasm'];

function copyWasm(folder) {
  const require = createRequire(join(root, 'package.json'));
  mkdirSync(join(root, folder), { recursive: true });
  for (const file of BASH_PARSER_WASM) copyFileSync(require.resolve(file), join(root, folder, file.split('/').at(-1)));
}

export async function buildAll({ quiet = false } = {}) {
  await viteBuild({ root: join(root, 'renderer'), configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'info' });
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    sourcemap: 'linked',
    logLevel: quiet ? 'error' : 'info',
    absWorkingDir: root,
    plugins: [bashParserPlugin],
  };
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
