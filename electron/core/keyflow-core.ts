/**
 * The main-process core, free of Electron: opens the database and the vault, and wires
 * the bridge handlers. The Electron shell and the browser host both start exactly this.
 */
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/model/app';
import { openDatabase, type Db } from './db/database';
import { MetaTable } from './db/meta';
import { newId } from './ids';
import { fileLogger, type Logger } from './logger';
import { Vault, type VaultKeyStores } from './vault/vault';
import { SecretStore } from './secrets/secret-store';
import { WorkflowStore } from './workflows/workflow-store';
import { createDispatcher, type BridgeHandlers, type Dispatch } from './bridge/dispatcher';
import { Tripwire } from './bridge/tripwire';
import type { BridgeEvent } from '../../shared/bridge/contract';
import type { Run } from '../../shared/model/run';
import type { ActionId } from '../../shared/model/workflow';
import { RunStore } from './runs/run-store';
import { Runner, defaultIntegrationBaseUrl } from './runs/runner';
import { RedactorCache } from './runs/redactor-cache';
import { createCodeSandbox } from './run-code/sandbox';
import type { HandlerContext } from './handlers/context';
import { appHandlers } from './handlers/app-handlers';
import { vaultHandlers } from './handlers/vault-handlers';
import { secretHandlers } from './handlers/secret-handlers';
import { workflowHandlers } from './handlers/workflow-handlers';
import { runHandlers } from './handlers/run-handlers';

export interface CoreOptions {
  userDataDir: string;
  keyStores: VaultKeyStores;
  host: AppInfo['host'];
  /** Scan every bridge response for stored values (development and tests). */
  tripwire: boolean;
  logToStderr?: boolean;
  /** Where integration actions send their requests; only tests set it. */
  integrationBaseUrl?: (action: ActionId) => string;
}

export interface KeyflowCore {
  dispatch: Dispatch;
  /** Subscribes to main-to-renderer events; returns the unsubscribe function. */
  subscribe(listener: (event: BridgeEvent) => void): () => void;
  /** Runs a workflow to its end outside any window (the command-line runner). */
  runWorkflow(idOrName: string, onProgress?: (run: Run) => void): Promise<Run>;
  vault: Vault;
  logger: Logger;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'keyflow.db';
export const LOG_FILE = join('logs', 'keyflow.log');

function personalWorkspace(db: Db): string {
  const existing = db.prepare<[], { id: string }>("SELECT id FROM workspaces WHERE kind = 'personal'").get();
  if (existing) return existing.id;
  const id = newId('ws');
  db.prepare("INSERT INTO workspaces (id, name, kind, created_at) VALUES (?, 'Personal', 'personal', ?)").run(id, new Date().toISOString());
  return id;
}

export async function startCore(options: CoreOptions): Promise<KeyflowCore> {
  mkdirSync(options.userDataDir, { recursive: true, mode: 0o700 });
  const logger = fileLogger(join(options.userDataDir, LOG_FILE), { debug: options.tripwire, echo: options.logToStderr });
  const db = openDatabase(join(options.userDataDir, DATABASE_FILE));
  const meta = new MetaTable(db);
  const profileName = meta.get('profile_name') ?? userInfo().username;
  const hasSecrets = () => (db.prepare('SELECT EXISTS (SELECT 1 FROM secrets) AS any').get() as { any: number }).any === 1;
  const vault = await Vault.open(db, options.keyStores, hasSecrets);
  const tripwire = options.tripwire ? new Tripwire() : undefined;
  const workspaceId = personalWorkspace(db);
  const secrets = new SecretStore(db, vault, {
    workspaceId,
    actor: () => profileName,
    onValue: (value) => tripwire?.remember(value),
    onValuesChanged: () => redactors.invalidate(),
  });
  const redactors = new RedactorCache(secrets);
  const workflows = new WorkflowStore(db, workspaceId);
  const runs = new RunStore(db);
  runs.failInterrupted(new Date().toISOString());

  const listeners = new Set<(event: BridgeEvent) => void>();
  const emit = (event: BridgeEvent) => {
    tripwire?.check(event.name, event.payload);
    for (const listener of listeners) listener(event);
  };
  const sandbox = createCodeSandbox();
  const runner = new Runner({
    secrets,
    workflows,
    runs,
    redactor: () => redactors.get(),
    sandbox,
    integrationBaseUrl: options.integrationBaseUrl ?? defaultIntegrationBaseUrl,
    onProgress: (run) => emit({ name: 'run.progress', payload: run }),
  });

  const armTripwire = () => {
    if (!tripwire || !vault.isUnlocked) return;
    for (const { id } of secrets.list()) tripwire.remember(secrets.revealForRun(id));
  };
  armTripwire();
  logger.info(`core started (${options.host} host, vault ${vault.status.state})`);

  const context: HandlerContext = { host: options.host, profileName, vault, secrets, workflows, runs, runner, onUnlocked: armTripwire };
  const handlers: BridgeHandlers = {
    ...appHandlers(context),
    ...vaultHandlers(context),
    ...secretHandlers(context),
    ...workflowHandlers(context),
    ...runHandlers(context),
  };

  return {
    dispatch: createDispatcher(handlers, { logger, tripwire }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    vault,
    runWorkflow: (idOrName, onProgress) => runner.runToEnd(workflows.find(idOrName), onProgress),
    logger,
    async close() {
      await sandbox.close();
      db.close();
    },
  };
}
