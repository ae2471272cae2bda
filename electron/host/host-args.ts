/** The command-line flags shared by `npm start`, the Electron shell and the browser host. */
import { parseArgs } from 'node:util';
import { defaultUserDataDir } from '../core/user-data-dir';

export interface HostArgs {
  /** Force the browser host even where Electron could run. */
  browser: boolean;
  userDataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Open Chromium in app mode when a display and Chromium are there. */
  open: boolean;
}

export class HostArgsError extends Error {}

const OPTIONS = {
  browser: { type: 'boolean' },
  'no-open': { type: 'boolean' },
  'user-data-dir': { type: 'string' },
  port: { type: 'string' },
} as const;

export function parseHostArgs(argv: readonly string[]): HostArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const flag = /'(--[^ ']+)/.exec((error as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new HostArgsError(`${flag.split(' ')[0]} needs a value.`);
    throw new HostArgsError(`Unknown option ${flag || argv.join(' ')}. Options: --browser, --user-data-dir DIR, --port N, --no-open.`);
  }
  const { values } = parsed;
  const args: HostArgs = { browser: values.browser ?? false, userDataDir: defaultUserDataDir(), port: 0, open: !values['no-open'] };
  if (values['user-data-dir'] !== undefined) {
    if (values['user-data-dir'] === '') throw new HostArgsError('--user-data-dir needs a value.');
    args.userDataDir = values['user-data-dir'];
  }
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new HostArgsError(`--port must be a number from 0 to 65535, not "${values.port}".`);
    args.port = port;
  }
  return args;
}
