/** The command-line flags shared by `npm start`, the Electron shell and the browser host. */
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

export function parseHostArgs(argv: readonly string[]): HostArgs {
  const args: HostArgs = { browser: false, userDataDir: defaultUserDataDir(), port: 0, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new HostArgsError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--browser':
        args.browser = true;
        break;
      case '--no-open':
        args.open = false;
        break;
      case '--user-data-dir':
        args.userDataDir = value();
        break;
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new HostArgsError(`--port must be a number from 0 to 65535, not "${text}".`);
        args.port = port;
        break;
      }
      default:
        throw new HostArgsError(`Unknown option ${arg}. Options: --browser, --user-data-dir DIR, --port N, --no-open.`);
    }
  }
  return args;
}
