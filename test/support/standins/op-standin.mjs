// A stand-in for 1Password's `op` command line tool (which can't be installed on our test
// machines), following its documented interface for what Keyflow uses:
//   op read [--no-newline] op://<vault>/<item>/<field>
// prints the field (with a newline unless --no-newline) and exits 0; otherwise prints an
// "[ERROR] <date> <message>" line on standard error and exits 1, as op does.
// Its state comes from the JSON file named by OP_STANDIN_FILE:
//   { "signedIn": true, "hang": false, "items": { "op://vault/item/field": "value" } }
// and every call is appended to OP_STANDIN_LOG (to count fetches).
import { appendFileSync, readFileSync } from 'node:fs';

const fail = (message) => {
  process.stderr.write(`[ERROR] 2026/01/01 12:00:00 ${message}\n`);
  process.exit(1);
};
const args = process.argv.slice(2);
if (process.env.OP_STANDIN_LOG) appendFileSync(process.env.OP_STANDIN_LOG, `${JSON.stringify(args)}\n`);
const state = JSON.parse(readFileSync(process.env.OP_STANDIN_FILE, 'utf8'));
if (state.hang) setInterval(() => undefined, 1000);
else {
  if (args[0] !== 'read') fail(`unknown command "${args[0]}" for "op"`);
  const noNewline = args.includes('--no-newline') || args.includes('-n');
  const reference = args.slice(1).find((arg) => !arg.startsWith('-'));
  if (!reference) fail('expected a secret reference');
  if (!state.signedIn) fail('You are not currently signed in. Please run `op signin --help` for instructions');
  const match = /^op:\/\/([^/]+)\/([^/]+)\/(.+)$/.exec(reference);
  if (!match) fail(`could not parse secret reference: invalid secret reference '${reference}'`);
  const value = state.items[reference];
  if (value === undefined) fail(`could not read secret '${reference}': "${match[2]}" isn't an item in the "${match[1]}" vault. Specify the item with its UUID, name, or domain.`);
  process.stdout.write(noNewline ? value : `${value}\n`);
}
