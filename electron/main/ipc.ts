/**
 * Wires the bridge onto Electron IPC: one `ipcMain.handle('keyflow:<call>')` per call of
 * the contract, each gated by the sender check of core/security/ipc-guard before the
 * core's dispatcher (which validates the payload) sees it. Events go the other way on one
 * channel, to the main window only.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_NAMES } from '../../shared/bridge/contract';
import type { KeyflowCore } from '../core/keyflow-core';
import { channelFor } from '../../shared/bridge/ipc-channels';
import { createEventForwarder, createInvokeHandler, type EventTargetLike, type InvokeEventLike } from './ipc-guard';

// Electron's event satisfies the guard's minimal shape; checked here, where both types are visible.
type _EventFits = IpcMainInvokeEvent extends InvokeEventLike ? true : never;
const _eventFits: _EventFits = true;
type _TargetFits = WebContents extends EventTargetLike ? true : never;
const _targetFits: _TargetFits = true;

/** Registers every bridge channel; returns a function that removes them again. */
export function registerBridgeIpc(core: Pick<KeyflowCore, 'dispatch' | 'logger'>): () => void {
  const channels: string[] = [];
  for (const name of CALL_NAMES) {
    const channel = channelFor(name);
    const handler = createInvokeHandler(name, core.dispatch, core.logger);
    ipcMain.handle(channel, (event, args: unknown) => handler(event, args));
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * Pushes the core's events (run progress) to the page of the window `target` returns, on
 * the single event channel; returns the function that stops it.
 */
export function forwardBridgeEvents(core: Pick<KeyflowCore, 'subscribe' | 'logger'>, target: () => WebContents | null | undefined): () => void {
  return core.subscribe(createEventForwarder(target, core.logger));
}
