// `npm start`: set up what is missing, build, then run Keyflow in Electron when its
// binary is there (fetching it first where the network allows) and a display exists;
// otherwise run the same core in the browser host. Flags: --browser, --user-data-dir DIR,
// --port N, --no-open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const binary = createRequire(join(root, 'package.json'))('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function fetchElectron() {
  process.stderr.write('[start] fetching the Electron binary…\n');
  const result = spawnSync(join(root, 'node_modules', '.bin', 'install-electron'), [], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  return result.status === 0 ? electronBinary() : null;
}

function hasDisplay() {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

await setUp();
const electron = args.includes('--browser') || !hasDisplay() ? null : (electronBinary() ?? fetchElectron());
if (electron) {
  run(electron, ['.', ...args]);
} else {
  if (!args.includes('--browser')) process.stderr.write('[start] Electron is not available here: starting the browser host.\n');
  run(process.execPath, [join(root, 'dist', 'host', 'main.js'), ...args.filter((arg) => arg !== '--browser')]);
}
