/**
 * The main-process core, free of Electron: opens the database and the vault, and wires
 * the bridge handlers. The Electron shell and the browser host both start exactly this.
 */
import { join } from 'node:path';
import type { AppInfo } from '../../shared/model/app';
import { openDatabase, type Db } from './db/database';
import { MetaTable } from './db/meta';
import { fileLogger, type Logger } from './logger';
import { privateDatabaseFiles, privateDir } from './private-files';
import { Vault, type VaultKeyStores } from './vault/vault';
import { createDispatcher, type BridgeHandlers, type Dispatch } from './bridge/dispatcher';
import { Tripwire } from './bridge/tripwire';
import type { BridgeEvent } from '../../shared/bridge/contract';
import type { Run } from '../../shared/model/run';
import type { ActionId } from '../../shared/model/workflow';
import type { WorkspaceSummary } from '../../shared/model/team';
import type { PathKind } from '../../shared/model/files';
import { BridgeError } from '../../shared/bridge/errors';
import { failInterruptedRuns } from './runs/run-store';
import { defaultIntegrationBaseUrl } from './runs/runner';
import { Identity } from './identity/identity';
import { WorkspaceManager } from './workspaces/workspace-manager';
import { createCodeSandbox } from './run-code/sandbox';
import type { HandlerContext } from './handlers/context';
import { appHandlers } from './handlers/app-handlers';
import { vaultHandlers } from './handlers/vault-handlers';
import { secretHandlers } from './handlers/secret-handlers';
import { workflowHandlers } from './handlers/workflow-handlers';
import { runHandlers } from './handlers/run-handlers';
import { identityHandlers } from './handlers/identity-handlers';
import { workspaceHandlers } from './handlers/workspace-handlers';
import { teamHandlers } from './handlers/team-handlers';
import { auditHandlers } from './handlers/audit-handlers';
import { fileHandlers } from './handlers/file-handlers';
import { importHandlers } from './handlers/import-handlers';
import { securityHandlers } from './handlers/security-handlers';
import { environmentHandlers } from './handlers/environment-handlers';
import { sourceHandlers } from './handlers/source-handlers';
import { SourceResolver } from './sources/source-resolver';
import { recoveryHandlers } from './handlers/recovery-handlers';
import { VaultRecovery } from './recovery/vault-recovery';
import { backupHandlers } from './handlers/backup-handlers';
import { Backups } from './backup/backups';
import { BackupScheduler } from './backup/backup-schedule';
import { personalBackupSource } from './backup/backup-sources';
import type { EncryptOptions } from './backup/backup-file';

export interface CoreOptions {
  userDataDir: string;
  keyStores: VaultKeyStores;
  host: AppInfo['host'];
  /** Scan every bridge response for stored values (development and tests). */
  tripwire: boolean;
  logToStderr?: boolean;
  /** Where integration actions send their requests; only tests set it. */
  integrationBaseUrl?: (action: ActionId) => string;
  /** How often team workspace files are re-read when no change was noticed. */
  pollIntervalMs?: number;
  /** The system's file dialog for Browse…, where the shell has one (Electron). */
  choosePath?: (kind: PathKind) => Promise<string | null>;
  /** How long an external source may take to answer (default 15 s). */
  sourceTimeoutMs?: number;
  /** The clock of the recovery kit (its date, the wait after wrong keys); tests set it. */
  now?: () => number;
  /** The time backups, their schedule and back-off, and workspaces (Recently deleted is purged after 30 days) go by; tests move it. */
  clock?: () => Date;
  /** Calls `run` after `ms` (automatic backups' timer; tests drive it). */
  setTimer?: (run: () => void, ms: number) => () => void;
  /** Backup encryption's cost; only tests and benchmarks lower it. */
  backupEncryption?: EncryptOptions;
}

/** How the command line runs a workflow: in which environment, and whether a protected one was confirmed (--confirm). */
export interface RunChoice {
  environment?: string;
  confirm?: boolean;
}

export interface KeyflowCore {
  dispatch: Dispatch;
  /** Subscribes to main-to-renderer events; returns the unsubscribe function. */
  subscribe(listener: (event: BridgeEvent) => void): () => void;
  /** Runs a workflow to its end outside any window (the command-line runner). */
  runWorkflow(idOrName: string, onProgress?: (run: Run) => void, choice?: RunChoice): Promise<Run>;
  /** External sources: the command line unlocks KeePass databases through it. */
  sources: SourceResolver;
  /**
   * Makes a workspace (by name or id) active for this process only (the command line's
   * --workspace): the app still opens the one it had last.
   */
  useWorkspace(nameOrId: string): Promise<WorkspaceSummary>;
  vault: Vault;
  logger: Logger;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'keyflow.db';
export const LOG_FILE = join('logs', 'keyflow.log');

export async function startCore(options: CoreOptions): Promise<KeyflowCore> {
  privateDir(options.userDataDir);
  const logger = fileLogger(join(options.userDataDir, LOG_FILE), { debug: options.tripwire, echo: options.logToStderr });
  privateDatabaseFiles(join(options.userDataDir, DATABASE_FILE));
  const db = openDatabase(join(options.userDataDir, DATABASE_FILE));
  const meta = new MetaTable(db);
  const hasSecrets = () => (db.prepare('SELECT EXISTS (SELECT 1 FROM secrets) AS any').get() as { any: number }).any === 1;
  const vault = await Vault.open(db, options.keyStores, hasSecrets, options.now);
  const identity = new Identity(meta, vault);
  const tripwire = options.tripwire ? new Tripwire() : undefined;
  failInterruptedRuns(db, new Date().toISOString());

  const listeners = new Set<(event: BridgeEvent) => void>();
  const emit = (event: BridgeEvent) => {
    tripwire?.check(event.name, event.payload);
    for (const listener of listeners) listener(event);
  };
  const workspaceChanged = (workspaceId: string) => emit({ name: 'workspace.changed', payload: { workspaceId } });
  const sandbox = createCodeSandbox();
  const sources = new SourceResolver({
    timeoutMs: options.sourceTimeoutMs,
    // Vault tokens are kept beside the master key: the keychain (or sealed under the key of a passphrase vault).
    tokens: {
      get: async (server) => (await vault.loadDeviceSecret(`vault-token:${server}`))?.toString('utf8') ?? null,
      set: (server, token) => vault.storeDeviceSecret(`vault-token:${server}`, Buffer.from(token, 'utf8')),
    },
    onValue: (value) => tripwire?.remember(value),
  });
  const workspaces = new WorkspaceManager(db, meta, {
    db,
    identity,
    vault,
    sandbox,
    logger,
    integrationBaseUrl: options.integrationBaseUrl ?? defaultIntegrationBaseUrl,
    onProgress: (run) => emit({ name: 'run.progress', payload: run }),
    onValue: (value) => tripwire?.remember(value),
    onRemoteChange: (workspaceId) => {
      armTripwire();
      workspaceChanged(workspaceId);
    },
    pollIntervalMs: options.pollIntervalMs,
    sources,
    now: options.clock,
  });

  const armTripwire = () => {
    if (!tripwire || !identity.isLoaded) return;
    for (const { value } of workspaces.session().usableValues()) tripwire.remember(value);
  };
  const onUnlocked = async () => {
    await identity.load();
    adoptLegacySecrets(db, identity.memberId);
    armTripwire();
  };
  if (vault.isUnlocked) await onUnlocked();
  const recovery = new VaultRecovery({ db, vault, userDataDir: options.userDataDir, logger, onUnlocked });

  const now = options.clock ?? (() => new Date());
  const personal = () => {
    const { id, name } = workspaces.list().find((workspace) => workspace.kind === 'personal')!;
    return { id, name };
  };
  const backups = new Backups({
    db,
    meta,
    vault,
    now,
    personal,
    me: () => ({ id: identity.memberId, name: identity.name }),
    onRestored: (workspaceId) => {
      const session = workspaces.session();
      if (session.id === workspaceId) session.remoteChanged();
      armTripwire();
      workspaceChanged(workspaceId);
    },
    onValue: (value) => tripwire?.remember(value),
    encryption: options.backupEncryption,
  });
  const backupSchedule = new BackupScheduler({
    meta,
    now,
    setTimer: options.setTimer ?? unrefTimer,
    backUp: async (path, passphrase) => {
      await backups.backUp(path, passphrase, personalBackupSource(vault, personal()), false);
    },
    passphrase: {
      load: async () => (await vault.loadDeviceSecret('backup-passphrase'))?.toString('utf8') ?? null,
      store: (passphrase) => vault.storeDeviceSecret('backup-passphrase', Buffer.from(passphrase, 'utf8')),
      forget: () => vault.deleteDeviceSecret('backup-passphrase'),
    },
    onError: (error) => logger.error('automatic backup failed', error),
  });
  // The command line is short-lived: only the app keeps the schedule.
  const startSchedule = () => {
    if (options.host !== 'cli' && vault.isUnlocked) backupSchedule.start();
  };
  startSchedule();
  logger.info(`core started (${options.host} host, vault ${vault.status.state})`);

  const context: HandlerContext = {
    host: options.host,
    vault,
    identity,
    recovery,
    workspaces,
    session: () => workspaces.session(),
    onUnlocked: async () => {
      await onUnlocked();
      startSchedule();
    },
    onWorkspaceOpened: armTripwire,
    workspaceChanged,
    choosePath: options.choosePath,
    backups,
    backupSchedule,
  };
  const handlers: BridgeHandlers = {
    ...appHandlers(context),
    ...vaultHandlers(context),
    ...identityHandlers(context),
    ...workspaceHandlers(context),
    ...teamHandlers(context),
    ...secretHandlers(context, sources),
    ...workflowHandlers(context),
    ...runHandlers(context),
    ...auditHandlers(context),
    ...fileHandlers(context),
    ...importHandlers(context),
    ...securityHandlers(context),
    ...environmentHandlers(context),
    ...sourceHandlers(context, sources),
    ...recoveryHandlers(context),
    ...backupHandlers(context),
  };

  return {
    dispatch: createDispatcher(handlers, { logger, tripwire }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    vault,
    sources,
    runWorkflow: (idOrName, onProgress, choice = {}) => {
      const session = workspaces.session();
      const workflow = session.workflows.find(idOrName);
      const environment = session.runEnvironment(workflow.id, choice.environment, choice.confirm ?? false);
      return session.runner.runToEnd(workflow, environment, onProgress);
    },
    async useWorkspace(nameOrId) {
      const all = workspaces.list();
      const byId = all.find((workspace) => workspace.id === nameOrId);
      const byName = all.filter((workspace) => workspace.name.toLowerCase() === nameOrId.trim().toLowerCase());
      if (!byId && byName.length > 1) {
        throw new BridgeError('conflict', `${byName.length} workspaces are named "${nameOrId}": give one of their ids (${byName.map((w) => w.id).join(', ')}).`, 'workspace');
      }
      const target = byId ?? byName[0];
      if (!target) {
        const names = all.map((workspace) => `"${workspace.name}" (${workspace.id})`).join(', ');
        throw new BridgeError('not_found', `No workspace is named or has the id "${nameOrId}". This computer has: ${names}.`, 'workspace');
      }
      // Without a choice recorded, the app opens the personal workspace: record that, as it was meant.
      const previous = meta.get('active_workspace') ?? all.find((workspace) => workspace.kind === 'personal')!.id;
      await workspaces.switchTo(target.id);
      meta.set('active_workspace', previous);
      return workspaces.summary();
    },
    logger,
    async close() {
      await backupSchedule.close();
      sources.keepass.lock();
      await workspaces.close();
      await sandbox.close();
      db.close();
    },
  };
}

function unrefTimer(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

/** Secrets made before identities existed belong to this person. */
function adoptLegacySecrets(db: Db, memberId: string): void {
  db.prepare("UPDATE secrets SET created_by_id = ? WHERE created_by_id = ''").run(memberId);
}
