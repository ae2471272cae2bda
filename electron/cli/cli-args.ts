/** What `keyflow` is asked to do: its commands, options and the help that lists them. */
import { defaultUserDataDir } from '../core/user-data-dir';
import { DUE_SOON_DAYS, ROTATION_DAYS_MAX } from '../../shared/model/rotation';

/** `list keys --expiring [--within DAYS]`: the keys due within that many days, and those overdue. */
export type CliCommand = { kind: 'help' } | { kind: 'run'; workflow: string } | { kind: 'list'; what: ListTarget; expiring?: { withinDays: number } };

export const LIST_TARGETS = ['workflows', 'keys', 'workspaces', 'environments'] as const;
export type ListTarget = (typeof LIST_TARGETS)[number];

export interface CliArgs {
  command: CliCommand;
  userDataDir: string;
  /** A workspace name or id; null: the one the app had open last. */
  workspace: string | null;
  json: boolean;
  passphraseStdin: boolean;
  /** The environment to run in (name or id); null: the one the workflow last ran in, else the first. */
  environment: string | null;
  /** Running in a protected environment was confirmed. */
  confirm: boolean;
}

/** Wrong usage: the message, then a pointer to the help. */
export class UsageError extends Error {}

export function usage(): string {
  return `Keyflow on the command line: run workflows and list what your vault holds, with the same
keychain and rules as the app. Values are never printed; run output is masked.

Usage:
  keyflow run <workflow name or id> [options]   Run a workflow and print its last step's output.
  keyflow list workflows [options]              List the workflows of a workspace.
  keyflow list keys [options]                   List the secret keys of a workspace (names only, never values).
  keyflow list keys --expiring [--within DAYS]  List the keys due for rotation within DAYS (default ${DUE_SOON_DAYS}) and those
                                                overdue; exits 1 when any is overdue (for CI).
  keyflow list workspaces [options]             List the workspaces on this computer.
  keyflow list environments [options]           List the environments of a workspace.
  keyflow help                                  Show this help (also --help, -h).

Options:
  --workspace <name or id>   Use this workspace (default: the one last open in the app).
  --env <name>               Run in this environment (default: the one the workflow last ran in, else the first).
  --confirm                  Confirm running in a protected environment (required there).
  --user-data-dir <folder>   The Keyflow data folder (default: ${defaultUserDataDir()}).
  --json                     Print JSON: the whole run (masked), or the list.
  --passphrase-stdin         Read the vault passphrase from standard input (vaults protected by a passphrase).

Examples:
  keyflow run "Echo flow"
  keyflow run "Nightly report" --workspace "Acme engineering" --json > run.json
  keyflow run "Charge card" --env Staging
  keyflow run "Charge card" --env Production --confirm
  keyflow list workflows
  keyflow list keys --workspace Acme --json
  keyflow list keys --expiring --within 14
  keyflow list workspaces
  printf '%s' "$KEYFLOW_PASSPHRASE" | keyflow run "Echo flow" --passphrase-stdin

Standard output carries only the result; progress and errors go to standard error.
Exit status: 0 done, 1 the run or the command failed, 2 wrong usage or no vault found.
`;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { command: { kind: 'help' }, userDataDir: defaultUserDataDir(), workspace: null, json: false, passphraseStdin: false, environment: null, confirm: false };
  const words: string[] = [];
  let expiring = false;
  let within: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (what: string) => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '' || (inline === undefined && next.startsWith('--'))) throw new UsageError(`${flag} needs ${what}.`);
      return next;
    };
    if (flag === '--help' || flag === '-h') return { ...args, command: { kind: 'help' } };
    else if (flag === '--json') args.json = true;
    else if (flag === '--passphrase-stdin') args.passphraseStdin = true;
    else if (flag === '--user-data-dir') args.userDataDir = value('a folder');
    else if (flag === '--workspace') args.workspace = value('a workspace name or id');
    else if (flag === '--env') args.environment = value('an environment name');
    else if (flag === '--confirm') args.confirm = true;
    else if (flag === '--expiring') expiring = true;
    else if (flag === '--within') {
      const days = value('a number of days');
      within = Number(days);
      if (!/^\d+$/.test(days) || within > ROTATION_DAYS_MAX) throw new UsageError(`--within takes a whole number of days from 0 to ${ROTATION_DAYS_MAX}.`);
    }
    else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}.`);
    else words.push(arg);
  }
  const [command, ...rest] = words;
  switch (command) {
    case undefined:
      throw new UsageError('which command? For example: keyflow run "My workflow".');
    case 'help':
      return args;
    case 'run':
      if (expiring || within !== null) throw new UsageError('--expiring and --within go with keyflow list keys.');
      if (rest.length === 0) throw new UsageError('which workflow? For example: keyflow run "My workflow".');
      if (rest.length > 1) throw new UsageError('give one workflow name or id (quote a name with spaces).');
      return { ...args, command: { kind: 'run', workflow: rest[0]! } };
    case 'list': {
      const what = rest[0];
      if (!what || !(LIST_TARGETS as readonly string[]).includes(what) || rest.length > 1) {
        throw new UsageError(`list what? keyflow list ${LIST_TARGETS.join('|')}.`);
      }
      if (args.environment !== null || args.confirm) throw new UsageError('--env and --confirm go with keyflow run.');
      if ((expiring || within !== null) && what !== 'keys') throw new UsageError('--expiring and --within go with keyflow list keys.');
      if (within !== null && !expiring) throw new UsageError('--within goes with --expiring.');
      return { ...args, command: { kind: 'list', what: what as ListTarget, ...(expiring ? { expiring: { withinDays: within ?? DUE_SOON_DAYS } } : {}) } };
    }
    default:
      throw new UsageError(`unknown command "${command}".`);
  }
}
