// Runs every suite — typecheck, lint, format, then the vitest suites (unit, integration, end to
// end) — and ends with one line: "N passed, N failed", totalled over all of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;

function check(label, command, args) {
  process.stdout.write(`\n── ${label}\n`);
  const ok = spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0;
  if (ok) passed++;
  else failed++;
  process.stdout.write(`── ${label}: ${ok ? 'passed' : 'FAILED'}\n`);
}

check('typecheck (each layer, then everything)', process.execPath, [join(root, 'scripts', 'typecheck.mjs')]);
check('lint (layering and style)', bin('eslint'), ['.']);
check('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);

const report = join(mkdtempSync(join(tmpdir(), 'keyflow-vitest-')), 'report.json');
process.stdout.write('\n── vitest: unit, integration, end to end\n');
const vitest = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A suite that fails to load counts as a failure even if it declared no test.
  failed += results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
} catch {
  failed++;
  process.stdout.write('vitest produced no report\n');
}
if (vitest.status !== 0 && failed === 0) failed++;

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
