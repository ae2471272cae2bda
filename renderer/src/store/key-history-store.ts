import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import type { DeletedKey, KeyPolicy, ValueVersion } from '../../../shared/model/versions';
import { asBridgeError } from '../bridge/failure';
import { latestOnly } from './latest-load';

/**
 * What Keyflow keeps of keys' values besides the current ones — never a value: the versions
 * of the key whose history is open, the recently deleted keys, and the workspace's rules
 * (versions kept, runs with expired keys). Roll back and Restore go through the secrets store.
 */
export interface KeyHistoryState {
  /** The key whose versions are loaded, and its versions (current first, by environment). */
  secretId: string | null;
  versions: readonly ValueVersion[];
  deleted: readonly DeletedKey[];
  policy: KeyPolicy | null;
  error: string | null;
  loadVersions(secretId: string): Promise<void>;
  loadDeleted(): Promise<void>;
  loadPolicy(): Promise<void>;
  /** Rejects with a BridgeError when main refuses (out of range: nothing changed). */
  setPolicy(policy: KeyPolicy): Promise<KeyPolicy>;
  clear(): void;
}

type HistoryBridge = Pick<BridgeApi, 'secrets.versions' | 'secrets.recentlyDeleted' | 'secrets.policy' | 'secrets.setPolicy'>;

export function createKeyHistoryStore(api: HistoryBridge) {
  return create<KeyHistoryState>()((set) => {
    const versionLoads = latestOnly();
    const deletedLoads = latestOnly();
    const fail = (error: unknown) => set({ error: asBridgeError(error).message });
    return {
      secretId: null,
      versions: [],
      deleted: [],
      policy: null,
      error: null,
      async loadVersions(secretId) {
        const load = versionLoads.take();
        set((state) => (state.secretId === secretId ? { error: null } : { secretId, versions: [], error: null }));
        try {
          const versions = await api['secrets.versions']({ id: secretId });
          if (versionLoads.isLatest(load)) set({ versions });
        } catch (error) {
          if (versionLoads.isLatest(load)) fail(error);
        }
      },
      async loadDeleted() {
        const load = deletedLoads.take();
        try {
          const deleted = await api['secrets.recentlyDeleted']({});
          if (deletedLoads.isLatest(load)) set({ deleted });
        } catch (error) {
          if (deletedLoads.isLatest(load)) fail(error);
        }
      },
      async loadPolicy() {
        try {
          set({ policy: await api['secrets.policy']({}) });
        } catch (error) {
          fail(error);
        }
      },
      async setPolicy(policy) {
        try {
          const saved = await api['secrets.setPolicy'](policy);
          set({ policy: saved });
          return saved;
        } catch (error) {
          throw asBridgeError(error);
        }
      },
      clear() {
        versionLoads.invalidate();
        deletedLoads.invalidate();
        set({ secretId: null, versions: [], deleted: [], policy: null, error: null });
      },
    };
  });
}
