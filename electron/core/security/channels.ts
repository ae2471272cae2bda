/**
 * IPC channel names of the bridge, shared by the sandboxed preload (which invokes them)
 * and the main process (which handles them).
 *
 * Only a type comes from the contract: importing its values would bundle zod and every
 * schema (≈700 KB) into the preload, which needs nothing but the call names.
 * BRIDGE_CALLS is checked against the contract by the compiler — a call missing here, or
 * one the contract doesn't have, fails `tsc` — and by a unit test against CALL_NAMES.
 */
import type { BridgeEvent, CallName, EventName } from '../../../shared/bridge/contract';

export const BRIDGE_CHANNEL_PREFIX = 'keyflow:';

const BRIDGE_CALLS = {
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
  'secrets.restrictedIds': true,
  'secrets.setAccess': true,
  'secrets.usage': true,
  'secrets.delete': true,
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
  'team.get': true,
  'team.addMember': true,
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
  'security.keepPlainText': true,
  'runs.start': true,
  'runs.cancel': true,
  'runs.get': true,
  'runs.list': true,
  'runs.labels': true,
} as const satisfies Record<CallName, true>;

/** Every call of the contract, for the preload. */
export const BRIDGE_CALL_NAMES: readonly CallName[] = Object.freeze(Object.keys(BRIDGE_CALLS) as CallName[]);

/** `keyflow:<call name>`, e.g. `keyflow:secrets.list`. */
export function channelFor(name: CallName): string {
  return `${BRIDGE_CHANNEL_PREFIX}${name}`;
}

/** The one channel main pushes events on (webContents.send), carrying a BridgeEvent. */
export const BRIDGE_EVENT_CHANNEL = 'keyflow-event';

const BRIDGE_EVENTS = {
  'run.progress': true,
  'workspace.changed': true,
} as const satisfies Record<EventName, true>;

/** Every event of the contract. */
export const BRIDGE_EVENT_NAMES: readonly EventName[] = Object.freeze(Object.keys(BRIDGE_EVENTS) as EventName[]);

/** A well-formed event message of a known name (checked in the preload before the page sees it). */
export function isBridgeEventMessage(message: unknown): message is BridgeEvent {
  if (typeof message !== 'object' || message === null) return false;
  const { name } = message as { name?: unknown };
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(BRIDGE_EVENTS, name) && 'payload' in message;
}
