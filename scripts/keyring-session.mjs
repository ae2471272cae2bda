// Runs a command inside a private D-Bus session with a freshly unlocked GNOME Keyring in a
// temporary XDG_DATA_HOME: the tests and benchmarks use the real OS keychain without
// touching the user's own. Where dbus-run-session or gnome-keyring-daemon is missing (not
// Linux, say), the command runs with the session keychain as it is.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function canStartKeyring() {
  if (process.platform !== 'linux') return false;
  return ['dbus-run-session', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0);
}

/** spawnSync of `command args` in a private keyring session; returns the spawnSync result. */
export function runInKeyringSession(command, args, options = {}) {
  if (!canStartKeyring()) {
    process.stderr.write('[keyring] no dbus-run-session/gnome-keyring-daemon here: using the session keychain as it is\n');
    return spawnSync(command, args, { stdio: 'inherit', ...options });
  }
  const home = mkdtempSync(join(tmpdir(), 'keyflow-keyring-'));
  try {
    return spawnSync(
      'dbus-run-session',
      ['--', 'sh', '-c', 'printf keyflow-tests | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"', 'sh', command, ...args],
      { stdio: 'inherit', ...options, env: { ...process.env, ...options.env, XDG_DATA_HOME: home, XDG_RUNTIME_DIR: home } },
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
