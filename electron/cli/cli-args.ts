/** What `keyflow` is asked to do: its commands, options and the help that lists them. */
import { defaultUserDataDir } from '../core/user-data-dir';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'run'; workflow: string }
  | { kind: 'list'; what: ListTarget }
  | { kind: 'backup'; out: string; includeRuns: boolean }
  | { kind: 'restore'; file: string; dryRun: boolean };

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
  /** keyflow backup: the file to write, and whether run history goes in. */
  out: string | null;
  includeRuns: boolean;
  /** keyflow restore: only show what it would change. */
  dryRun: boolean;
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
  keyflow list workspaces [options]             List the workspaces on this computer.
  keyflow list environments [options]           List the environments of a workspace.
  keyflow backup --out <file> [--include-runs]  Back up a workspace to one file encrypted under a passphrase you choose.
  keyflow restore <file> [--dry-run]            Restore a backup into your personal workspace (merging by id);
                                                --dry-run only shows what it would add and replace.
  keyflow help                                  Show this help (also --help, -h).

Options:
  --workspace <name or id>   Use this workspace (default: the one last open in the app).
  --env <name>               Run in this environment (default: the one the workflow last ran in, else the first).
  --confirm                  Confirm running in a protected environment (required there).
  --user-data-dir <folder>   The Keyflow data folder (default: ${defaultUserDataDir()}).
  --json                     Print JSON: the whole run (masked), or the list.
  --passphrase-stdin         Read the vault passphrase from standard input (vaults protected by a passphrase).
  --out <file>               keyflow backup: the new file to write (never over an existing one).
  --include-runs             keyflow backup: include run history (it is already masked).
  --dry-run                  keyflow restore: show what would change, change nothing.

The backup passphrase is asked for on the terminal (twice for a new backup), or read from
the first line of standard input (the second, after the vault passphrase, with
--passphrase-stdin). It is never an argument. Keep it safe: without it, a backup can't be opened.

Examples:
  keyflow run "Echo flow"
  keyflow run "Nightly report" --workspace "Acme engineering" --json > run.json
  keyflow run "Charge card" --env Staging
  keyflow run "Charge card" --env Production --confirm
  keyflow list workflows
  keyflow list keys --workspace Acme --json
  keyflow list workspaces
  printf '%s' "$KEYFLOW_PASSPHRASE" | keyflow run "Echo flow" --passphrase-stdin
  keyflow backup --out ~/Backups/keyflow-2026-03-01.kfbackup
  keyflow restore ~/Backups/keyflow-2026-03-01.kfbackup --dry-run

Standard output carries only the result; progress and errors go to standard error.
Exit status: 0 done, 1 the run or the command failed, 2 wrong usage or no vault found.
`;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { command: { kind: 'help' }, userDataDir: defaultUserDataDir(), workspace: null, json: false, passphraseStdin: false, environment: null, confirm: false, out: null, includeRuns: false, dryRun: false };
  const words: string[] = [];
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
    else if (flag === '--out') args.out = value('a file');
    else if (flag === '--include-runs') args.includeRuns = true;
    else if (flag === '--dry-run') args.dryRun = true;
    else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}.`);
    else words.push(arg);
  }
  const [command, ...rest] = words;
  if (command !== 'backup' && (args.out !== null || args.includeRuns)) throw new UsageError('--out and --include-runs go with keyflow backup.');
  if (command !== 'restore' && args.dryRun) throw new UsageError('--dry-run goes with keyflow restore.');
  switch (command) {
    case undefined:
      throw new UsageError('which command? For example: keyflow run "My workflow".');
    case 'help':
      return args;
    case 'run':
      if (rest.length === 0) throw new UsageError('which workflow? For example: keyflow run "My workflow".');
      if (rest.length > 1) throw new UsageError('give one workflow name or id (quote a name with spaces).');
      return { ...args, command: { kind: 'run', workflow: rest[0]! } };
    case 'list': {
      const what = rest[0];
      if (!what || !(LIST_TARGETS as readonly string[]).includes(what) || rest.length > 1) {
        throw new UsageError(`list what? keyflow list ${LIST_TARGETS.join('|')}.`);
      }
      if (args.environment !== null || args.confirm) throw new UsageError('--env and --confirm go with keyflow run.');
      return { ...args, command: { kind: 'list', what: what as ListTarget } };
    }
    case 'backup':
      if (rest.length > 0) throw new UsageError('keyflow backup takes no other words: name the file with --out <file>.');
      if (args.out === null) throw new UsageError('where to? keyflow backup --out <file>.');
      return { ...args, command: { kind: 'backup', out: args.out, includeRuns: args.includeRuns } };
    case 'restore':
      if (rest.length !== 1) throw new UsageError('which backup? keyflow restore <file> [--dry-run].');
      return { ...args, command: { kind: 'restore', file: rest[0]!, dryRun: args.dryRun } };
    default:
      throw new UsageError(`unknown command "${command}".`);
  }
}
