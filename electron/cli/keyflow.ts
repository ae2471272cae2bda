/**
 * The command line: `keyflow run <workflow>` runs a workflow headless with the same core,
 * keychain and rules as the app; `keyflow list workflows|keys|workspaces` lists what the
 * vault holds (never a value); `keyflow import <file>` imports through the app's preview and
 * commit; `keyflow scan [files]` lists credentials left in plain text (exit 1 when any); `keyflow backup` and
 * `keyflow restore` write and read encrypted backups. Standard output carries only the result; progress and
 * errors go to standard error. Exit status: 0 done, 1 failed, 2 wrong usage or no vault.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE, startCore, type KeyflowCore } from '../core/keyflow-core';
import { KeytarKeyStore } from '../core/keystore/keytar-key-store';
import { testIntegrationBaseUrl } from '../core/test-settings';
import type { CallArgs, CallName, CallResult } from '../../shared/bridge/contract';
import { BridgeError } from '../../shared/bridge/errors';
import { recoveryNeedsPassphrase } from '../../shared/model/vault';
import { parseCliArgs, usage, UsageError, type CliArgs, type ListTarget } from './cli-args';
import { dueKeys, dueKeyTable, environmentTable, keyTable, progressPrinter, restorePreviewText, restoreResultText, runResult, workflowTable, workspaceTable } from './cli-output';
import { decisionsFor, fileHits, hitsText, outcomeText, previewText, readSource, workspaceHits, type ScanHit } from './cli-import';
import { PassphraseInput } from './passphrase-input';

/** A refusal to show as it is, with its exit status. */
class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

const PASSPHRASE_HOW =
  'The command line can’t set one up: open Keyflow (npm start), choose “Protect with a passphrase instead” on the screen that explains the keychain problem, ' +
  'then run keyflow with --passphrase-stdin and pipe the passphrase in.';

async function readStdinBytes(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const passphrases = new PassphraseInput();

/** A secret the person types (without echo on a terminal), else the next line of standard input ('' when there is none). */
async function secretInput(prompt: string): Promise<string> {
  return passphrases.interactive ? passphrases.ask(prompt) : ((await passphrases.nextLine()) ?? '');
}

/** The backup passphrase: typed twice on a terminal for a new backup, else the next line of standard input. */
async function backupPassphrase(isNew: boolean): Promise<string> {
  if (passphrases.interactive) {
    const first = await passphrases.ask(isNew ? 'Choose a passphrase for this backup: ' : 'Backup passphrase: ');
    if (isNew && (await passphrases.ask('Type it again: ')) !== first) throw new CliFailure('the two passphrases differ: nothing was written.', 2);
    return first;
  }
  const line = await passphrases.nextLine();
  if (line === null) throw new CliFailure('no backup passphrase: type it at the prompt, or pipe it in on standard input (its own line).', 2);
  return line;
}

async function call<N extends CallName>(core: KeyflowCore, name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const response = await core.dispatch(name, args);
  if (!response.ok) throw new CliFailure(response.error.message, 1);
  return response.result as CallResult<N>;
}

/** Starts the core on the vault the app uses, refusing to create one where none exists. */
async function startOnVault(args: CliArgs): Promise<KeyflowCore> {
  if (!existsSync(join(args.userDataDir, DATABASE_FILE))) {
    throw new CliFailure(`no Keyflow vault in ${args.userDataDir}. Open Keyflow once to create one there, or point to yours with --user-data-dir <folder>.`, 2);
  }
  return startCore({
    userDataDir: args.userDataDir,
    keyStores: { keychain: new KeytarKeyStore() },
    host: 'cli',
    tripwire: false,
    integrationBaseUrl: testIntegrationBaseUrl(),
  });
}

/** Opens the vault the app uses, or says what it takes to open it. */
async function openVault(args: CliArgs): Promise<KeyflowCore> {
  const core = await startOnVault(args);
  try {
    const status = core.vault.status;
    if (status.state === 'key-missing') {
      throw new CliFailure(`${status.problem}\nOpen it with its recovery key: keyflow recover, with the key on standard input (or in the app).`, 1);
    }
    if (status.state === 'keychain-unavailable') {
      const remedy = status.remedy.replace(/\s*Or protect the vault with a passphrase instead\.$/, '');
      throw new CliFailure(`${status.problem}\n${remedy}\nOr protect the vault with a passphrase: ${PASSPHRASE_HOW}`, 1);
    }
    if (status.state === 'locked') {
      if (!args.passphraseStdin) throw new CliFailure('this vault is protected by a passphrase: pass --passphrase-stdin and pipe it in.', 2);
      await core.vault.unlock((await passphrases.nextLine()) ?? '');
    }
    if (args.workspace) await core.useWorkspace(args.workspace);
    return core;
  } catch (error) {
    await core.close();
    throw error;
  }
}

/** keyflow recover: the recovery key (and a new passphrase where one is needed) from standard input. */
async function recover(args: CliArgs): Promise<string> {
  const core = await startOnVault(args);
  try {
    const status = core.vault.status;
    if (status.state === 'unlocked') return 'The vault opens without its recovery key: there is nothing to recover.\n';
    const needsPassphrase = recoveryNeedsPassphrase(status);
    const key = await secretInput('Recovery key: ');
    const newPassphrase = needsPassphrase && key.trim() !== '' ? await secretInput('New passphrase: ') : '';
    if (key.trim() === '') throw new CliFailure('no recovery key on standard input: pipe it in, e.g. printf \'%s\\n\' "$RECOVERY_KEY" | keyflow recover.', 2);
    if (needsPassphrase && newPassphrase === '') {
      throw new CliFailure('this vault needs a new passphrase too: put it on the line after the recovery key.', 2);
    }
    const opened = await call(core, 'recovery.open', { key, ...(needsPassphrase ? { newPassphrase } : {}) });
    return opened.state === 'unlocked' && opened.keySource === 'passphrase'
      ? 'The vault is open again, and protected by the new passphrase from now on.\n'
      : `The vault is open again: its key is back in ${opened.state === 'unlocked' && opened.keySource === 'safe-storage' ? 'Electron safeStorage' : 'the OS keychain'}.\n`;
  } finally {
    await core.close();
  }
}

async function list(core: KeyflowCore, what: ListTarget, json: boolean): Promise<string> {
  const print = (value: unknown, text: string) => (json ? `${JSON.stringify(value, null, 2)}\n` : text);
  switch (what) {
    case 'workflows': {
      const workflows = await call(core, 'workflows.list', {});
      return print(workflows, workflowTable(workflows));
    }
    case 'keys': {
      const keys = await call(core, 'secrets.list', {});
      const workspaces = await call(core, 'workspaces.list', {});
      return print(keys, keyTable(keys, workspaces.find((workspace) => workspace.active)?.kind === 'team'));
    }
    case 'workspaces': {
      const workspaces = await call(core, 'workspaces.list', {});
      return print(workspaces, workspaceTable(workspaces));
    }
    case 'environments': {
      const view = await call(core, 'environments.list', {});
      return print(view, environmentTable(view));
    }
  }
}

/** Scan results: on standard output (JSON with --json); exit 1 when a credential is left that nobody chose to keep. */
function reportScan(hits: ScanHit[], json: boolean): number {
  process.stdout.write(json ? `${JSON.stringify(hits, null, 2)}\n` : hitsText(hits));
  return hits.some((hit) => !hit.kept) ? 1 : 0;
}

async function importFile(core: KeyflowCore, args: CliArgs, file: string): Promise<number> {
  const source = await readSource(file, args.format, readStdinBytes);
  const preview = await call(core, 'imports.preview', { source });
  process.stderr.write(previewText(preview, args.plain, args.environment));
  const decisions = decisionsFor(preview, args.plain, args.environment);
  if (args.dryRun) {
    if (args.json) process.stdout.write(`${JSON.stringify(preview, null, 2)}\n`);
    process.stderr.write('Dry run: nothing was created.\n');
    return 0;
  }
  const outcome = await call(core, 'imports.commit', { source, decisions });
  process.stdout.write(args.json ? `${JSON.stringify(outcome, null, 2)}\n` : outcomeText(outcome));
  return 0;
}

/** `list keys --expiring`: exit 1 when any key is overdue, so CI can stop on it. */
async function listExpiring(core: KeyflowCore, withinDays: number, json: boolean): Promise<number> {
  const now = new Date();
  const due = dueKeys(await call(core, 'secrets.list', {}), now, withinDays);
  process.stdout.write(
    json
      ? `${JSON.stringify(
          due.map(({ key, state }) => ({ ...key, rotation: state })),
          null,
          2,
        )}\n`
      : dueKeyTable(due, now),
  );
  const overdue = due.filter(({ state }) => state.status === 'overdue').length;
  if (overdue > 0) process.stderr.write(`keyflow: ${overdue} key${overdue === 1 ? ' is' : 's are'} overdue for rotation.\n`);
  return overdue > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.command.kind === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  // Files are scanned without a vault: what CI has.
  if (args.command.kind === 'scan' && args.command.files.length > 0) return reportScan(await fileHits(args.command.files, args.format), args.json);
  if (args.command.kind === 'recover') {
    process.stderr.write(await recover(args));
    return 0;
  }
  const core = await openVault(args);
  try {
    if (args.command.kind === 'list' && args.command.expiring) return await listExpiring(core, args.command.expiring.withinDays, args.json);
    if (args.command.kind === 'list') {
      process.stdout.write(await list(core, args.command.what, args.json));
      return 0;
    }
    if (args.command.kind === 'scan') return reportScan(workspaceHits(await call(core, 'security.scan', {})), args.json);
    if (args.command.kind === 'import') return await importFile(core, args, args.command.file);
    if (args.command.kind === 'backup') {
      const made = await call(core, 'backups.create', { path: resolve(args.command.out), passphrase: await backupPassphrase(true), includeRuns: args.command.includeRuns });
      process.stdout.write(args.json ? `${JSON.stringify(made, null, 2)}\n` : `Backed up to ${made.path}. Keep the passphrase safe: without it this backup can't be opened.\n`);
      return 0;
    }
    if (args.command.kind === 'restore') {
      const preview = await call(core, 'backups.preview', { path: resolve(args.command.file), passphrase: await backupPassphrase(false) });
      if (args.command.dryRun) {
        process.stdout.write(args.json ? `${JSON.stringify(preview, null, 2)}\n` : restorePreviewText(preview, true));
        return 0;
      }
      if (!args.json) process.stderr.write(restorePreviewText(preview, false));
      const result = await call(core, 'backups.restore', { previewId: preview.previewId });
      process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : restoreResultText(result, preview.into.name));
      return 0;
    }
    let run;
    try {
      run = await core.runWorkflow(
        args.command.workflow,
        progressPrinter((text) => process.stderr.write(text)),
        { environment: args.environment ?? undefined, confirm: args.confirm },
      );
    } catch (error) {
      // A protected environment without --confirm is a usage matter; the missing right is not.
      if (error instanceof BridgeError && error.field === 'confirm')
        throw new CliFailure(`${error.message.replace(/: confirm that you mean to run in it\./, ': add --confirm to run in it.')}`, 2);
      throw error;
    }
    process.stdout.write(runResult(run, args.json));
    return run.status === 'ok' ? 0 : 1;
  } finally {
    await core.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`keyflow: ${error.message}\nSee keyflow --help for every command, with examples.\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`keyflow: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = error instanceof CliFailure ? error.exitCode : 1;
    }
  },
);
