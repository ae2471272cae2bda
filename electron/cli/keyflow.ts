/**
 * The command line: `keyflow run <workflow>` runs a workflow headless with the same core,
 * keychain and rules as the app; `keyflow list workflows|keys|workspaces` lists what the
 * vault holds (never a value). Standard output carries only the result; progress and
 * errors go to standard error. Exit status: 0 done, 1 failed, 2 wrong usage or no vault.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, startCore, type KeyflowCore } from '../core/keyflow-core';
import { KeytarKeyStore } from '../core/keystore/keytar-key-store';
import { testIntegrationBaseUrl } from '../core/test-settings';
import type { CallArgs, CallName, CallResult } from '../../shared/bridge/contract';
import { BridgeError } from '../../shared/bridge/errors';
import { parseCliArgs, usage, UsageError, type CliArgs, type ListTarget } from './cli-args';
import { dueKeys, dueKeyTable, environmentTable, keyTable, progressPrinter, runResult, workflowTable, workspaceTable } from './cli-output';

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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function call<N extends CallName>(core: KeyflowCore, name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const response = await core.dispatch(name, args);
  if (!response.ok) throw new CliFailure(response.error.message, 1);
  return response.result as CallResult<N>;
}

/** Opens the vault the app uses, refusing to create one where none exists. */
async function openVault(args: CliArgs): Promise<KeyflowCore> {
  if (!existsSync(join(args.userDataDir, DATABASE_FILE))) {
    throw new CliFailure(
      `no Keyflow vault in ${args.userDataDir}. Open Keyflow once to create one there, or point to yours with --user-data-dir <folder>.`,
      2,
    );
  }
  const core = await startCore({
    userDataDir: args.userDataDir,
    keyStores: { keychain: new KeytarKeyStore() },
    host: 'cli',
    tripwire: false,
    integrationBaseUrl: testIntegrationBaseUrl(),
  });
  try {
    const status = core.vault.status;
    if (status.state === 'keychain-unavailable') {
      const remedy = status.remedy.replace(/\s*Or protect the vault with a passphrase instead\.$/, '');
      throw new CliFailure(`${status.problem}\n${remedy}\nOr protect the vault with a passphrase: ${PASSPHRASE_HOW}`, 1);
    }
    if (status.state === 'locked') {
      if (!args.passphraseStdin) throw new CliFailure('this vault is protected by a passphrase: pass --passphrase-stdin and pipe it in.', 2);
      await core.vault.unlock(await readStdin());
    }
    if (args.workspace) await core.useWorkspace(args.workspace);
    return core;
  } catch (error) {
    await core.close();
    throw error;
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

/** `list keys --expiring`: exit 1 when any key is overdue, so CI can stop on it. */
async function listExpiring(core: KeyflowCore, withinDays: number, json: boolean): Promise<number> {
  const now = new Date();
  const due = dueKeys(await call(core, 'secrets.list', {}), now, withinDays);
  process.stdout.write(json ? `${JSON.stringify(due.map(({ key, state }) => ({ ...key, rotation: state })), null, 2)}\n` : dueKeyTable(due, now));
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
  const core = await openVault(args);
  try {
    if (args.command.kind === 'list' && args.command.expiring) return await listExpiring(core, args.command.expiring.withinDays, args.json);
    if (args.command.kind === 'list') {
      process.stdout.write(await list(core, args.command.what, args.json));
      return 0;
    }
    let run;
    try {
      run = await core.runWorkflow(args.command.workflow, progressPrinter((text) => process.stderr.write(text)), { environment: args.environment ?? undefined, confirm: args.confirm });
    } catch (error) {
      // A protected environment without --confirm is a usage matter; the missing right is not.
      if (error instanceof BridgeError && error.field === 'confirm') throw new CliFailure(`${error.message.replace(/: confirm that you mean to run in it\./, ': add --confirm to run in it.')}`, 2);
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
