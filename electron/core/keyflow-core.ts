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
import { APP_VERSION } from './version';

export interface CoreOptions {
  userDataDir: string;
  keyStores: VaultKeyStores;
  host: AppInfo['host'];
  /** Scan every bridge response for stored values (development and tests). */
  tripwire: boolean;
  logToStderr?: boolean;
}

export interface KeyflowCore {
  dispatch: Dispatch;
  logger: Logger;
  close(): void;
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
  const workflows = new WorkflowStore(db, workspaceId);
  const secrets = new SecretStore(db, vault, {
    workspaceId,
    actor: () => profileName,
    onValue: tripwire && ((value) => tripwire.remember(value)),
  });

  const armTripwire = () => {
    if (!tripwire || !vault.isUnlocked) return;
    for (const { id } of secrets.list()) tripwire.remember(secrets.revealForRun(id));
  };
  armTripwire();
  logger.info(`core started (${options.host} host, vault ${vault.status.state})`);

  const handlers: BridgeHandlers = {
    'app.info': () => ({ name: 'Keyflow', version: APP_VERSION, host: options.host, profileName }),
    'vault.status': () => vault.status,
    'vault.setUpPassphrase': ({ passphrase }) => vault.setUpPassphrase(passphrase),
    'vault.useSafeStorage': () => vault.useSafeStorage(),
    'vault.unlock': async ({ passphrase }) => {
      const status = await vault.unlock(passphrase);
      armTripwire();
      return status;
    },
    'secrets.list': ({ query }) => secrets.list(query),
    'secrets.create': (input) => secrets.create(input),
    'secrets.rename': ({ id, name }) => secrets.rename(id, name),
    'secrets.setDescription': ({ id, description }) => secrets.setDescription(id, description),
    'secrets.updateValue': ({ id, value }) => secrets.updateValue(id, value),
    'secrets.setAllowedDomains': ({ id, allowedDomains }) => secrets.setAllowedDomains(id, allowedDomains),
    'secrets.usage': ({ id }) => {
      secrets.get(id);
      return workflows.usage(id);
    },
    'secrets.delete': ({ id }) => {
      secrets.delete(id);
      return { id };
    },
  };

  return {
    dispatch: createDispatcher(handlers, { logger, tripwire }),
    logger,
    close: () => db.close(),
  };
}
