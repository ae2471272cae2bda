import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import { latestOnly } from './latest-load';

/**
 * The names of deleted keys, from the activity trail, so a workflow that still refers to
 * one says which ("“Echo token” (deleted)") rather than only that something is gone.
 */
export interface DeletedKeysState {
  names: ReadonlyMap<string, string>;
  load(): Promise<void>;
  clear(): void;
}

const NONE: ReadonlyMap<string, string> = new Map();

export function createDeletedKeysStore(api: Pick<BridgeApi, 'audit.list'>) {
  return create<DeletedKeysState>()((set) => {
    const loads = latestOnly();
    return {
      names: NONE,
      async load() {
        const load = loads.take();
        // Without the trail (it failed to load) a deleted key still shows, unnamed.
        const entries = await api['audit.list']({ action: 'deleted' }).catch(() => null);
        if (entries && loads.isLatest(load)) set({ names: new Map(entries.map((entry) => [entry.secretId, entry.secretName])) });
      },
      clear() {
        loads.invalidate();
        set({ names: NONE });
      },
    };
  });
}
