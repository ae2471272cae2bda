/** What `keyflow` is asked to do: its commands, options and the help that lists them. */
import { defaultUserDataDir } from '../core/user-data-dir';
import { IMPORT_FORMATS, type ImportFormat } from '../../shared/model/imports';
import { DUE_SOON_DAYS, ROTATION_DAYS_MAX } from '../../shared/model/rotation';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'run'; workflow: string }
  /** `list keys --expiring [--within DAYS]`: the keys due within that many days, and those overdue. */
  | { kind: 'list'; what: ListTarget; expiring?: { withinDays: number } }
  /** `file` "-": standard input. */
  | { kind: 'import'; file: string }
  /** No files: the workspace's workflows. */
  | { kind: 'scan'; files: string[] }
  | { kind: 'recover' }
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
  /** import: the source's format (else told from the file). */
  format: ImportFormat | null;
  /** import and restore: show what would be created or changed, change nothing. */
  dryRun: boolean;
  /** import: credential ids (c1, c2… as the preview lists them) to keep as plain text. */
  plain: string[];
  /** run: the environment to run in (name or id); null: the one the workflow last ran in, else the first. import: where values go (by name; made when new). */
  environment: string | null;
  /** Running in a protected environment was confirmed. */
  confirm: boolean;
  /** keyflow backup: the file to write, and whether run history goes in. */
  out: string | null;
  includeRuns: boolean;
}

/** Wrong usage: the message, then a pointer to the help. */
export class UsageError extends Error {}

export function usage(): string {
  return `Keyflow on the command line: run workflows, list what your vault holds, import requests and
check for credentials left in plain text, with the same keychain and rules as the app. Values are
never printed; run output is masked.

Usage:
  keyflow run <workflow name or id> [options]   Run a workflow and print its last step's output.
  keyflow list workflows [options]              List the workflows of a workspace.
  keyflow list keys [options]                   List the secret keys of a workspace (names only, never values).
  keyflow list keys --expiring [--within DAYS]  List the keys due for rotation within DAYS (default ${DUE_SOON_DAYS}) and those
                                                overdue; exits 1 when any is overdue (for CI).
  keyflow list workspaces [options]             List the workspaces on this computer.
  keyflow import <file or -> [options]          Import cURL commands, a Postman collection or environment, an
                                                OpenAPI description or a .env file: every credential found
                                                becomes a secret key, the requests become workflows.
  keyflow scan [files…] [options]               List credentials left in plain text: in the workspace's
                                                workflows, or in the files given (no vault needed). Exits 1
                                                when it finds one, for CI.
  keyflow list environments [options]           List the environments of a workspace.
  keyflow recover [options]                     Open the vault with its recovery key, read from standard input
                                                (never an argument); for a passphrase vault, or where the keychain
                                                can't be reached, a new passphrase on the next line.
  keyflow backup --out <file> [--include-runs]  Back up a workspace to one file encrypted under a passphrase you choose.
  keyflow restore <file> [--dry-run]            Restore a backup into your personal workspace (merging by id);
                                                --dry-run only shows what it would add and replace.
  keyflow help                                  Show this help (also --help, -h).

Options:
  --workspace <name or id>   Use this workspace (default: the one last open in the app).
  --env <name>               Run in this environment (default: the one the workflow last ran in, else the first).
                             import: put keys' and variables' values in this environment (made when new).
  --confirm                  Confirm running in a protected environment (required there).
  --user-data-dir <folder>   The Keyflow data folder (default: ${defaultUserDataDir()}).
  --json                     Print JSON: the whole run (masked), or the list.
  --passphrase-stdin         Read the vault passphrase from standard input (vaults protected by a passphrase).
  --format <${IMPORT_FORMATS.join('|')}>   import: the file's format (default: told from the file).
  --dry-run                  import: show what would be created; create nothing. restore: show what would change.
  --plain <id>               import: keep this credential (c1, c2… as listed) as plain text. Repeatable.
  --out <file>               keyflow backup: the new file to write (never over an existing one).
  --include-runs             keyflow backup: include run history (it is already masked).

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
  keyflow list keys --expiring --within 14
  keyflow list workspaces
  printf '%s' "$KEYFLOW_PASSPHRASE" | keyflow run "Echo flow" --passphrase-stdin
  keyflow import Stripe.postman_collection.json --dry-run
  keyflow import openapi.yaml --workspace Acme
  pbpaste | keyflow import - --format curl --plain c2
  keyflow import .env.production --format env --env Production
  keyflow import Staging.postman_environment.json     # its values go to the environment Staging
  keyflow scan                                      # the workspace's workflows
  keyflow scan api/*.postman_collection.json .env   # files, e.g. in CI before a commit lands
  printf '%s\n' "$RECOVERY_KEY" | keyflow recover
  keyflow backup --out ~/Backups/keyflow-2026-03-01.kfbackup
  keyflow restore ~/Backups/keyflow-2026-03-01.kfbackup --dry-run

Standard output carries only the result; progress and errors go to standard error.
Exit status: 0 done, 1 the run or the command failed (scan: found a credential), 2 wrong usage or no vault found.
`;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    command: { kind: 'help' },
    userDataDir: defaultUserDataDir(),
    workspace: null,
    json: false,
    passphraseStdin: false,
    format: null,
    dryRun: false,
    plain: [],
    environment: null,
    confirm: false,
    out: null,
    includeRuns: false,
  };
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
    else if (flag === '--dry-run') args.dryRun = true;
    else if (flag === '--plain') args.plain.push(value('a credential id such as c1'));
    else if (flag === '--format') {
      const format = value(`a format: ${IMPORT_FORMATS.join(', ')}`);
      if (!(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format takes ${IMPORT_FORMATS.join(', ')}, not "${format}".`);
      args.format = format as ImportFormat;
    } else if (flag === '--env') args.environment = value('an environment name');
    else if (flag === '--confirm') args.confirm = true;
    else if (flag === '--out') args.out = value('a file');
    else if (flag === '--include-runs') args.includeRuns = true;
    else if (flag === '--expiring') expiring = true;
    else if (flag === '--within') {
      const days = value('a number of days');
      within = Number(days);
      if (!/^\d+$/.test(days) || within > ROTATION_DAYS_MAX) throw new UsageError(`--within takes a whole number of days from 0 to ${ROTATION_DAYS_MAX}.`);
    } else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}.`);
    else words.push(arg);
  }
  const [command, ...rest] = words;
  if (command !== 'backup' && (args.out !== null || args.includeRuns)) throw new UsageError('--out and --include-runs go with keyflow backup.');
  if (command !== 'restore' && command !== 'import' && args.dryRun) throw new UsageError('--dry-run goes with keyflow import and keyflow restore.');
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
    case 'recover':
      if (rest.length > 0) throw new UsageError('keyflow recover reads the recovery key from standard input, never from its arguments.');
      return { ...args, command: { kind: 'recover' } };
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
    case 'import':
      if (rest.length !== 1) throw new UsageError('import what? Give one file, or - for standard input: keyflow import collection.json.');
      if (args.confirm) throw new UsageError('--confirm goes with keyflow run.');
      return { ...args, command: { kind: 'import', file: rest[0]! } };
    case 'scan':
      if (args.environment !== null || args.confirm) throw new UsageError('--env and --confirm go with keyflow run and keyflow import.');
      return { ...args, command: { kind: 'scan', files: rest } };
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
