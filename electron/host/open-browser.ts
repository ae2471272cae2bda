import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Opens Chromium in app mode (its own window, no tabs) when a display and Chromium are there. */
export function openInChromium(url: string, userDataDir: string): boolean {
  const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  const chromium = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!display || !chromium) return false;
  const profile = join(userDataDir, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const child = spawn(
    chromium,
    [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  return true;
}
