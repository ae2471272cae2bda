/**
 * curlconverter reads shell syntax with tree-sitter's Bash grammar. Its Node entry loads
 * the native `tree-sitter` addon, which neither bundles nor loads in Electron without a
 * rebuild; its browser entry awaits WebAssembly at module load, which a CommonJS bundle
 * can't. This module replaces both (scripts/build.mjs and vitest.config.mts point
 * curlconverter's `shell/Parser.js` here): the same grammar, compiled to WebAssembly,
 * loaded once on first use by `loadBashParser()`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import TreeSitter from 'web-tree-sitter';

/** The two WebAssembly files: the runtime (web-tree-sitter) and the Bash grammar (curlconverter). scripts/build.mjs copies them beside each bundle. */
const WASM = {
  'tree-sitter.wasm': 'web-tree-sitter/tree-sitter.wasm',
  'tree-sitter-bash.wasm': 'curlconverter/dist/tree-sitter-bash.wasm',
} as const;

/** A built bundle carries the files beside itself (dist/*, inside app.asar in a package); from source they are read from node_modules. */
function wasmBytes(file: keyof typeof WASM): Uint8Array {
  const beside = join(__dirname, file);
  const path = existsSync(beside) ? beside : createRequire(__filename).resolve(WASM[file]);
  return readFileSync(path);
}

let parser: TreeSitter | null = null;
let loading: Promise<void> | null = null;

export function loadBashParser(): Promise<void> {
  loading ??= (async () => {
    await TreeSitter.init({ wasmBinary: wasmBytes('tree-sitter.wasm') });
    const bash = await TreeSitter.Language.load(wasmBytes('tree-sitter-bash.wasm'));
    const instance = new TreeSitter();
    instance.setLanguage(bash);
    parser = instance;
  })();
  return loading;
}

/** What curlconverter's tokenizer calls; valid once loadBashParser() has resolved. */
const bashParser = {
  parse(text: string): TreeSitter.Tree {
    if (!parser) throw new Error('The shell parser is not loaded yet.');
    return parser.parse(text);
  },
};
export default bashParser;
