// `npm test`: set up what is missing, then run every suite (typecheck, lint, unit,
// integration, end to end) inside a private keyring session; ends with "N passed, N failed".
//   npm test -- <vitest filters>   only those test files (after typecheck and lint)
//   npm run test:unit               the unit tests alone, in seconds (no setup, no build)
//   npm run test:watch              vitest's watch mode on the unit tests
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runInKeyringSession } from './keyring-session.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  options: { unit: { type: 'boolean' }, watch: { type: 'boolean' } },
  allowPositionals: true,
  strict: false,
});
const vitest = join(root, 'node_modules', '.bin', 'vitest');

let result;
if (values.watch) result = runInKeyringSession(vitest, ['test/unit', ...positionals], { cwd: root });
else if (values.unit) result = runInKeyringSession(vitest, ['run', 'test/unit', ...positionals], { cwd: root });
else {
  const setup = spawnSync(process.execPath, [join(root, 'scripts', 'setup.mjs'), '--for-tests'], { cwd: root, stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
  result = runInKeyringSession(process.execPath, [join(root, 'scripts', 'run-tests.mjs'), ...positionals], { cwd: root });
}
if (result.error) {
  process.stderr.write(`[test] could not start: ${result.error.message}\n`);
  process.exit(1);
}
process.exit(result.status ?? 1);
