/**
 * The names of the bridge's calls and events, apart from their schemas: the sandboxed
 * preload and the renderer's event stream need the names alone, and importing the
 * contract's values would bundle zod and every schema (≈700 KB) into the preload.
 * The compiler holds these lists to the contract: a call or event missing here, or one
 * the contract doesn't have, fails `tsc`.
 */
import type { CallName, EventName } from './contract';

const CALLS = {
  'app.info': true,
  'vault.status': true,
  'vault.setUpPassphrase': true,
  'vault.useSafeStorage': true,
  'vault.unlock': true,
  'secrets.list': true,
  'secrets.create': true,
  'secrets.rename': true,
  'secrets.setDescription': true,
  'secrets.updateValue': true,
  'secrets.setAllowedDomains': true,
  'secrets.setReadableByRunCode': true,
  'secrets.restrictedIds': true,
  'secrets.setAccess': true,
  'secrets.usage': true,
  'secrets.delete': true,
  'secrets.link': true,
  'secrets.clearValue': true,
  'secrets.testLink': true,
  'secrets.versions': true,
  'secrets.rollback': true,
  'secrets.setRotation': true,
  'secrets.recentlyDeleted': true,
  'secrets.restore': true,
  'secrets.policy': true,
  'secrets.setPolicy': true,
  'environments.list': true,
  'environments.create': true,
  'environments.rename': true,
  'environments.reorder': true,
  'environments.previewDelete': true,
  'environments.delete': true,
  'environments.setProtection': true,
  'variables.create': true,
  'variables.rename': true,
  'variables.setValue': true,
  'variables.delete': true,
  'sources.test': true,
  'sources.status': true,
  'sources.unlockKeePass': true,
  'sources.lock': true,
  'sources.setVaultToken': true,
  'identity.get': true,
  'identity.update': true,
  'identity.export': true,
  'workspaces.list': true,
  'workspaces.create': true,
  'workspaces.open': true,
  'workspaces.switch': true,
  'workspaces.sync': true,
  'files.list': true,
  'files.choose': true,
  'backups.status': true,
  'backups.create': true,
  'backups.preview': true,
  'backups.restore': true,
  'backups.setSchedule': true,
  'team.get': true,
  'team.addMember': true,
  'team.addDevice': true,
  'team.removeDevice': true,
  'team.setRole': true,
  'team.previewRemoval': true,
  'team.removeMember': true,
  'team.saveGroup': true,
  'team.deleteGroup': true,
  'team.setSettings': true,
  'audit.list': true,
  'workflows.list': true,
  'workflows.get': true,
  'workflows.create': true,
  'workflows.save': true,
  'workflows.duplicate': true,
  'workflows.delete': true,
  'workflows.export': true,
  'workflows.import': true,
  'imports.preview': true,
  'imports.commit': true,
  'security.scan': true,
  'security.convert': true,
  'security.convertVariable': true,
  'security.keepPlainText': true,
  'runs.start': true,
  'runs.cancel': true,
  'runs.get': true,
  'runs.list': true,
  'runs.labels': true,
  'runs.environment': true,
  'runs.setEnvironment': true,
  'recovery.status': true,
  'recovery.create': true,
  'recovery.saveKit': true,
  'recovery.closeKit': true,
  'recovery.check': true,
  'recovery.open': true,
  'recovery.previewStartOver': true,
  'recovery.startOver': true,
} as const satisfies Record<CallName, true>;

/** Every call of the contract. */
export const BRIDGE_CALL_NAMES: readonly CallName[] = Object.freeze(Object.keys(CALLS) as CallName[]);

const EVENTS = {
  'run.progress': true,
  'workspace.changed': true,
} as const satisfies Record<EventName, true>;

/** Every event of the contract. */
export const BRIDGE_EVENT_NAMES: readonly EventName[] = Object.freeze(Object.keys(EVENTS) as EventName[]);

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);
}
