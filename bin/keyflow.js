#!/usr/bin/env node
// `npx keyflow run <workflow>`: the command-line runner, built by `npm start` / `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'cli', 'keyflow.js');
if (!existsSync(entry)) {
  process.stderr.write('keyflow: not built yet. Run `npm run build` (or `npm start` once) in the Keyflow folder first.\n');
  process.exit(2);
}
require(entry);
