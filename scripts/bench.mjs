// `npm run bench`: the foundation benchmarks (not part of the tests). Like scripts/test.mjs:
//   1. node scripts/setup.mjs (system packages, node_modules, build);
//   2. n8n-core into .bench/n8n for the decrypt comparison (benchmark only: never in the
//      app's package.json); offline, the comparison is skipped and the rest still runs;
//   3. re-runs itself inside a private D-Bus session with a temporary XDG_DATA_HOME and a
//      freshly unlocked GNOME Keyring, and there runs bench/run.ts with tsx.
// Exits non-zero on errors; a missed target is reported, not failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInKeyringSession } from './keyring-session.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);
const IN_SESSION = 'KEYFLOW_BENCH_IN_SESSION';
const N8N_DIR = join(root, '.bench', 'n8n');
const N8N_CIPHER = join(N8N_DIR, 'node_modules', 'n8n-core', 'dist', 'encryption', 'aes-256-cbc.js');

function say(message) {
  process.stderr.write(`[bench] ${message}\n`);
}

function exitWith(result, what) {
  if (result.error) {
    say(`${what} could not start: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Installs n8n-core into .bench/n8n if it is not there; returns why not, when it failed. */
function ensureN8n() {
  if (existsSync(N8N_CIPHER)) return undefined;
  say('installing n8n-core into .bench/n8n (for the decrypt comparison only)');
  mkdirSync(N8N_DIR, { recursive: true });
  if (!existsSync(join(N8N_DIR, 'package.json'))) writeFileSync(join(N8N_DIR, 'package.json'), '{ "private": true }\n');
  // --ignore-scripts: n8n-core pulls a native module (isolated-vm) that does not build on Node 20.
  const result = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', N8N_DIR, 'n8n-core'], {
    cwd: N8N_DIR,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  if (result.status === 0 && existsSync(N8N_CIPHER)) return undefined;
  if (result.error) return `npm install n8n-core failed: ${result.error.message}`;
  const errors = (result.stderr ?? '').split('\n').filter((line) => /npm error/i.test(line));
  const reason = errors.slice(0, 3).join(' / ') || `npm exited with ${result.status}`;
  return `npm install n8n-core failed (offline?): ${reason}`;
}

function runBench() {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'bench', 'run.ts')], { cwd: root, stdio: 'inherit' });
  exitWith(result, 'tsx');
  process.exit(0);
}

if (process.env[IN_SESSION] === '1') runBench();

exitWith(spawnSync(process.execPath, [join(root, 'scripts', 'setup.mjs')], { cwd: root, stdio: 'inherit' }), 'setup');
const n8nSkipped = ensureN8n();
if (n8nSkipped) say(n8nSkipped);
const env = { ...process.env, [IN_SESSION]: '1', ...(n8nSkipped ? { KEYFLOW_BENCH_N8N_SKIPPED: n8nSkipped } : {}) };

exitWith(runInKeyringSession(process.execPath, [self], { cwd: root, env }), 'bench');
