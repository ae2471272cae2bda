/**
 * How the bridge travels over Electron IPC: one channel per call (`keyflow:<call>`,
 * invoked by the preload, handled by main) and one channel for the events main pushes.
 */
import type { BridgeEvent, CallName } from './contract';
import { isEventName } from './names';

export const BRIDGE_CHANNEL_PREFIX = 'keyflow:';

/** `keyflow:<call name>`, e.g. `keyflow:secrets.list`. */
export function channelFor(name: CallName): string {
  return `${BRIDGE_CHANNEL_PREFIX}${name}`;
}

/** The one channel main pushes events on (webContents.send), carrying a BridgeEvent. */
export const BRIDGE_EVENT_CHANNEL = 'keyflow-event';

/** A well-formed event message of a known name (checked in the preload before the page sees it). */
export function isBridgeEventMessage(message: unknown): message is BridgeEvent {
  if (typeof message !== 'object' || message === null) return false;
  const { name } = message as { name?: unknown };
  return isEventName(name) && 'payload' in message;
}
