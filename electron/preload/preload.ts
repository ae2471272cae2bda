/**
 * The sandboxed preload: exposes `window.keyflow`, one function per bridge call, each
 * invoking that call's own IPC channel and resolving to its BridgeResponse envelope, and
 * `window.keyflowEvents.subscribe(listener)` for the events main pushes (run progress).
 * Nothing else crosses: never ipcRenderer itself, no generic invoke, no channel argument,
 * and listeners get `{ name, payload }` only — never the IPC event (whose `sender` is ipcRenderer).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeEvent, CallName } from '../../shared/bridge/contract';
import type { BridgeResponse } from '../../shared/bridge/errors';
import { BRIDGE_EVENT_CHANNEL, channelFor, isBridgeEventMessage } from '../../shared/bridge/ipc-channels';
import { BRIDGE_CALL_NAMES } from '../../shared/bridge/names';

type BridgeEventListener = (event: BridgeEvent) => void;

export type PreloadApi = Record<CallName, (args: unknown) => Promise<BridgeResponse<unknown>>>;

export interface PreloadEvents {
  /** Calls `listener` with every event main sends; returns the function that stops it. */
  subscribe(listener: BridgeEventListener): () => void;
}

function bridgeFunction(name: CallName): (args: unknown) => Promise<BridgeResponse<unknown>> {
  const channel = channelFor(name);
  // Only the argument crosses; the channel is fixed here, out of the page's reach.
  return (args) => ipcRenderer.invoke(channel, args) as Promise<BridgeResponse<unknown>>;
}

function subscribe(listener: BridgeEventListener): () => void {
  if (typeof listener !== 'function') throw new TypeError('subscribe needs a function.');
  const onMessage = (_event: IpcRendererEvent, message: unknown) => {
    if (!isBridgeEventMessage(message)) return;
    listener({ name: message.name, payload: message.payload } as BridgeEvent);
  };
  ipcRenderer.on(BRIDGE_EVENT_CHANNEL, onMessage);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    ipcRenderer.removeListener(BRIDGE_EVENT_CHANNEL, onMessage);
  };
}

const api: PreloadApi = Object.freeze(Object.fromEntries(BRIDGE_CALL_NAMES.map((name) => [name, bridgeFunction(name)])) as PreloadApi);
const events: PreloadEvents = Object.freeze({ subscribe });

contextBridge.exposeInMainWorld('keyflow', api);
contextBridge.exposeInMainWorld('keyflowEvents', events);
