/**
 * IPC channel names of the bridge, shared by the preload (which invokes them) and the
 * main process (which handles them). Type-only import of the contract: the sandboxed
 * preload bundle gets nothing else from here.
 */
import type { CallName } from '../../../shared/bridge/contract';

export const BRIDGE_CHANNEL_PREFIX = 'keyflow:';

/** `keyflow:<call name>`, e.g. `keyflow:secrets.list`. */
export function channelFor(name: CallName): string {
  return `${BRIDGE_CHANNEL_PREFIX}${name}`;
}
