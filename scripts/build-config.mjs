import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// What the main-process bundles leave to Node's require at run time: Electron itself, the
// native modules (they ship outside the asar, see electron-builder.yml), and QuickJS, whose
// wasm is read from its package. The build and the bundle tests both read this list.
export const EXTERNAL = ['electron', 'keytar', 'better-sqlite3', 'quickjs-emscripten'];

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
