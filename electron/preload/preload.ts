/**
 * The sandboxed preload: exposes `window.keyflow`, one function per bridge call, each
 * invoking that call's own IPC channel and resolving to its BridgeResponse envelope.
 * Nothing else crosses: never ipcRenderer itself, no generic invoke, no channel argument.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { CallName } from '../../shared/bridge/contract';
import type { BridgeResponse } from '../../shared/bridge/errors';
import { BRIDGE_CALL_NAMES, channelFor } from '../core/security/channels';

type PreloadApi = Record<CallName, (args: unknown) => Promise<BridgeResponse<unknown>>>;

function bridgeFunction(name: CallName): (args: unknown) => Promise<BridgeResponse<unknown>> {
  const channel = channelFor(name);
  // Only the argument crosses; the channel is fixed here, out of the page's reach.
  return (args) => ipcRenderer.invoke(channel, args) as Promise<BridgeResponse<unknown>>;
}

const api = Object.freeze(
  Object.fromEntries(BRIDGE_CALL_NAMES.map((name) => [name, bridgeFunction(name)])) as PreloadApi,
);

contextBridge.exposeInMainWorld('keyflow', api);
