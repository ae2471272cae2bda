/**
 * Wires the bridge onto Electron IPC: one `ipcMain.handle('keyflow:<call>')` per call of
 * the contract, each gated by the sender check of core/security/ipc-guard before the
 * core's dispatcher (which validates the payload) sees it.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES } from '../../shared/bridge/contract';
import type { KeyflowCore } from '../core/keyflow-core';
import { channelFor } from '../core/security/channels';
import { createInvokeHandler, type InvokeEventLike } from '../core/security/ipc-guard';

// Electron's event satisfies the guard's minimal shape; checked here, where both types are visible.
type _EventFits = IpcMainInvokeEvent extends InvokeEventLike ? true : never;
const _eventFits: _EventFits = true;

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
