/**
 * Command-line options of the Electron shell. Plain Node (no 'electron' import) so it is
 * unit-tested directly.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

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
  const { tokens } = parseArgs({ args: [...argv], options: { 'user-data-dir': { type: 'string' } }, strict: false, allowPositionals: true, tokens: true });
  let userDataDir: string | undefined;
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name !== 'user-data-dir') continue;
    const value = token.value;
    // parseArgs takes the next argument whatever it is; a flag there means the directory is missing.
    if (value === undefined || value.length === 0 || value.includes('\0') || (!token.inlineValue && value.startsWith('--'))) {
      throw new Error(`${USER_DATA_DIR_FLAG} needs a directory.`);
    }
    userDataDir = resolve(cwd, value);
  }
  return userDataDir === undefined ? {} : { userDataDir };
}
