import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** A path as people write it in a shared reference: "~/…" is the home folder of whoever runs it. Null when it isn't absolute. */
export function expandHome(path: string): string | null {
  const expanded = path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
  return isAbsolute(expanded) ? expanded : null;
}
