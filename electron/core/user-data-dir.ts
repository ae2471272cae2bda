import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Electron puts userData for productName "Keyflow": the Electron app, the browser host and the command line share one vault. */
export function defaultUserDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Keyflow');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Keyflow');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Keyflow');
}
