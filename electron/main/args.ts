/**
 * Command-line options of the Electron shell. Plain Node (no 'electron' import) so it is
 * unit-tested directly.
 */
import { resolve } from 'node:path';

export const USER_DATA_DIR_FLAG = '--user-data-dir';

export interface ShellArgs {
  /** Absolute path given with `--user-data-dir DIR` or `--user-data-dir=DIR`. */
  userDataDir?: string;
}

/**
 * Reads the shell's options from argv (the whole of process.argv is fine: unknown
 * arguments, including Chromium's own switches, are ignored). The last occurrence wins.
 * Throws on `--user-data-dir` without a value, rather than silently using the default
 * directory with someone else's vault.
 */
export function parseShellArgs(argv: readonly string[], cwd: string = process.cwd()): ShellArgs {
  let userDataDir: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === USER_DATA_DIR_FLAG) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${USER_DATA_DIR_FLAG} needs a directory.`);
      i += 1;
    } else if (arg.startsWith(`${USER_DATA_DIR_FLAG}=`)) {
      value = arg.slice(USER_DATA_DIR_FLAG.length + 1);
    } else {
      continue;
    }
    if (value.length === 0 || value.includes('\0')) throw new Error(`${USER_DATA_DIR_FLAG} needs a directory.`);
    userDataDir = resolve(cwd, value);
  }
  return userDataDir === undefined ? {} : { userDataDir };
}
