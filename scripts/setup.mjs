// Brings a fresh machine to the point where Keyflow can start and be tested:
//   1. on Debian/Ubuntu, the system packages (installed with apt-get as root,
//      otherwise the exact command is printed and we stop); with --for-tests also the
//      real tools the external-source tests drive (keepassxc-cli, pass and GnuPG);
//   2. node_modules matching package-lock.json (npm ci when missing or stale);
//   3. a fresh build in dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SYSTEM_PACKAGES = ['libsecret-1-dev', 'gnome-keyring', 'dbus', 'chromium'];
/** Only the tests need these: keepassxc (for keepassxc-cli, which makes test databases), pass and GnuPG. */
export const TEST_SYSTEM_PACKAGES = ['keepassxc', 'pass', 'gnupg'];

function say(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function missingDebianPackages(packages) {
  return packages.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

export function ensureSystemPackages(packages = SYSTEM_PACKAGES) {
  if (process.platform !== 'linux' || !existsSync('/etc/debian_version')) return;
  const missing = missingDebianPackages(packages);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    say(`Keyflow needs these system packages: ${missing.join(', ')}. Install them with:\n\n  sudo sh -c '${command}'\n`);
    process.exit(1);
  }
  say(`installing ${missing.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'inherit', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'inherit', 'inherit'], env });
}

function installStamp() {
  const lock = readFileSync(join(root, 'package-lock.json'));
  return createHash('sha256').update(lock).update(process.version).digest('hex');
}

export function ensureNodeModules() {
  const stampFile = join(root, 'node_modules', '.keyflow-install-stamp');
  const stamp = installStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  say('installing npm packages (npm ci)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(stampFile, stamp);
}

export async function buildApp() {
  // Imported only now: the build script needs the packages installed above.
  const { buildAll } = await import('./build.mjs');
  await buildAll({ quiet: true });
}

export async function setUp({ forTests = false } = {}) {
  ensureSystemPackages(forTests ? [...SYSTEM_PACKAGES, ...TEST_SYSTEM_PACKAGES] : SYSTEM_PACKAGES);
  ensureNodeModules();
  await buildApp();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await setUp({ forTests: process.argv.includes('--for-tests') });
}
