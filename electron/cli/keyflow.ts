/**
 * The command-line runner: `keyflow run <workflow name or id>` runs a workflow headless
 * with the same core, keychain and rules as the app, prints step progress and the
 * redacted result, and exits non-zero when the run fails.
 */
import { startCore } from '../core/keyflow-core';
import { KeytarKeyStore } from '../core/keystore/keytar-key-store';
import { defaultUserDataDir } from '../host/host-args';
import { testIntegrationBaseUrl } from '../core/test-settings';
import type { Run, StepResult } from '../../shared/model/run';

const USAGE = `Usage: keyflow run <workflow name or id> [--user-data-dir DIR] [--json] [--passphrase-stdin]

  --user-data-dir DIR   the Keyflow data folder (default: ${defaultUserDataDir()})
  --json                print the whole redacted run as JSON instead of the last step's output
  --passphrase-stdin    read the vault passphrase from standard input (vaults protected by a passphrase)
`;

interface CliArgs {
  workflow: string;
  userDataDir: string;
  json: boolean;
  passphraseStdin: boolean;
}

function fail(message: string, code = 2): never {
  process.stderr.write(`keyflow: ${message}\n`);
  process.exit(code);
}

function parse(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === undefined) {
    process.stdout.write(USAGE);
    process.exit(command === undefined ? 2 : 0);
  }
  if (command !== 'run') fail(`unknown command "${command}".\n${USAGE}`);
  const args: CliArgs = { workflow: '', userDataDir: defaultUserDataDir(), json: false, passphraseStdin: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--passphrase-stdin') args.passphraseStdin = true;
    else if (arg === '--user-data-dir') args.userDataDir = rest[++i] ?? fail('--user-data-dir needs a folder.');
    else if (arg.startsWith('--')) fail(`unknown option ${arg}.\n${USAGE}`);
    else if (args.workflow) fail('give one workflow name or id (quote a name with spaces).');
    else args.workflow = arg;
  }
  if (!args.workflow) fail(`which workflow?\n${USAGE}`);
  return args;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const SYMBOL: Record<StepResult['status'], string> = { pending: '·', running: '▶', ok: '✓', failed: '✗', cancelled: '■' };

function progressPrinter(): (run: Run) => void {
  const seen = new Map<string, StepResult['status']>();
  return (run) => {
    run.steps.forEach((step, index) => {
      if (seen.get(step.stepId) === step.status || step.status === 'pending') return;
      seen.set(step.stepId, step.status);
      const timing = step.durationMs === null ? '' : ` (${step.durationMs} ms)`;
      const detail = step.error ? `: ${step.error.message}` : '';
      process.stderr.write(`${SYMBOL[step.status]} Step ${index + 1} “${step.stepName}” ${step.status}${timing}${detail}\n`);
    });
  };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const core = await startCore({
    userDataDir: args.userDataDir,
    keyStores: { keychain: new KeytarKeyStore() },
    host: 'cli',
    tripwire: false,
    integrationBaseUrl: testIntegrationBaseUrl(),
  });
  try {
    const status = core.vault.status;
    if (status.state === 'keychain-unavailable') fail(`${status.problem}\n${status.remedy}`);
    if (status.state === 'locked') {
      if (!args.passphraseStdin) fail('this vault is protected by a passphrase: pass --passphrase-stdin and pipe it in.');
      await core.vault.unlock(await readStdin());
    }
    const run = await core.runWorkflow(args.workflow, progressPrinter());
    const last = [...run.steps].reverse().find((step) => step.status !== 'pending');
    process.stdout.write(`${JSON.stringify(args.json ? run : (last?.output ?? null), null, 2)}\n`);
    process.exitCode = run.status === 'ok' ? 0 : 1;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error), 1);
  } finally {
    await core.close();
  }
}

void main();
