import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import type { Profile } from '../../../shared/model/team';
import { asBridgeError } from '../bridge/failure';
import type { LoadState } from './secrets-store';

/** What I hand an Admin to be invited: public data only. */
export interface SharedIdentity {
  text: string;
  fingerprint: string;
}

/** My local profile (name, email, member id, fingerprint) and its shareable public identity. */
export interface IdentityState {
  profile: Profile | null;
  loadState: LoadState;
  loadError: string | null;
  shared: SharedIdentity | null;
  shareError: string | null;

  /** Loads the profile and the text to share. */
  load(): Promise<void>;
  /** Rejects with a BridgeError when main refuses; the shared text follows the new name and email. */
  update(name: string, email: string): Promise<Profile>;
}

type IdentityBridge = Pick<BridgeApi, 'identity.get' | 'identity.update' | 'identity.export'>;

export function createIdentityStore(api: IdentityBridge) {
  return create<IdentityState>()((set) => {
    async function loadShared(): Promise<void> {
      try {
        set({ shared: await api['identity.export']({}), shareError: null });
      } catch (error) {
        set({ shareError: asBridgeError(error).message });
      }
    }

    return {
      profile: null,
      loadState: 'idle',
      loadError: null,
      shared: null,
      shareError: null,

      async load() {
        set((state) => (state.profile ? {} : { loadState: 'loading', loadError: null }));
        const shared = loadShared();
        try {
          set({ profile: await api['identity.get']({}), loadState: 'ready', loadError: null });
        } catch (error) {
          set({ loadState: 'failed', loadError: asBridgeError(error).message });
        }
        await shared;
      },

      async update(name, email) {
        const profile = await api['identity.update']({ name: name.trim(), email: email.trim() });
        set({ profile, loadState: 'ready', loadError: null });
        await loadShared();
        return profile;
      },
    };
  });
}
