import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import { DEFAULT_SETTINGS, type Group, type RemovalPreview, type Role, type TeamDetails, type WorkspaceSettings } from '../../../shared/model/team';
import { asBridgeError } from '../bridge/failure';
import type { LoadState } from './secrets-store';
import { latestLoader } from './latest-load';

export interface GroupDraft {
  /** None for a new group. */
  id?: string;
  name: string;
  memberIds: string[];
}

/** The active workspace's members, groups, settings and sync status, and the calls that change them. */
export interface TeamState {
  details: TeamDetails | null;
  loadState: LoadState;
  loadError: string | null;
  /** A "Sync now" is under way. */
  syncing: boolean;
  /** Why the last "Sync now" call failed (the sync status says why a sync refused the file). */
  syncError: string | null;

  load(): Promise<void>;
  /** Another workspace became active. */
  clear(): void;
  /** The mutations reject with a BridgeError when main refuses. */
  addMember(identity: string, role: Role): Promise<TeamDetails>;
  /** Adds a pasted identity (their new machine's) as a device of a member. */
  addDevice(memberId: string, identity: string): Promise<TeamDetails>;
  removeDevice(memberId: string, deviceId: string): Promise<TeamDetails>;
  setRole(memberId: string, role: Role): Promise<TeamDetails>;
  previewRemoval(memberId: string): Promise<RemovalPreview>;
  /** Resolves to the keys the removed member could read: to rotate at their source. */
  removeMember(memberId: string): Promise<{ id: string; name: string }[]>;
  saveGroup(group: GroupDraft): Promise<Group>;
  deleteGroup(id: string): Promise<TeamDetails>;
  setSettings(settings: WorkspaceSettings): Promise<TeamDetails>;
  /** Reads, verifies and merges the workspace file now; failures land in syncError. */
  sync(): Promise<void>;
}

type TeamBridge = Pick<
  BridgeApi,
  | 'team.get'
  | 'team.addMember'
  | 'team.addDevice'
  | 'team.removeDevice'
  | 'team.setRole'
  | 'team.previewRemoval'
  | 'team.removeMember'
  | 'team.saveGroup'
  | 'team.deleteGroup'
  | 'team.setSettings'
  | 'workspaces.sync'
>;

export interface TeamHooks {
  /** Main's picture of the workspace came with the details (my role may have changed). */
  onDetails?(details: TeamDetails): void;
  /** Keys or workflows changed as a side effect (a member's keys deleted, a sync merged changes): reload them. */
  onContentChanged?(): void;
}

/** The workspace's settings, or the defaults while they are unknown. */
export function settingsOf(details: TeamDetails | null): WorkspaceSettings {
  return details?.settings ?? DEFAULT_SETTINGS;
}

/** The group saved: the one with `draft`'s id, or the new one (the id main gave it). */
export function savedGroup(before: readonly Group[], after: readonly Group[], draft: GroupDraft): Group | undefined {
  if (draft.id) return after.find((group) => group.id === draft.id);
  const known = new Set(before.map((group) => group.id));
  return after.find((group) => !known.has(group.id)) ?? after.find((group) => group.name === draft.name.trim());
}

export function createTeamStore(api: TeamBridge, hooks: TeamHooks = {}) {
  return create<TeamState>()((set, get) => {
    const loads = latestLoader(set, get);

    function adopt(details: TeamDetails): TeamDetails {
      loads.invalidate();
      set({ details, loadState: 'ready', loadError: null });
      hooks.onDetails?.(details);
      return details;
    }

    return {
      details: null,
      loadState: 'idle',
      loadError: null,
      syncing: false,
      syncError: null,

      load: () => loads.load(() => api['team.get']({}), adopt),

      clear() {
        loads.invalidate();
        set({ details: null, loadState: 'idle', loadError: null, syncError: null });
      },

      addMember: async (identity, role) => adopt(await api['team.addMember']({ identity, role })),
      addDevice: async (memberId, identity) => adopt(await api['team.addDevice']({ memberId, identity })),
      removeDevice: async (memberId, deviceId) => adopt(await api['team.removeDevice']({ memberId, deviceId })),
      setRole: async (memberId, role) => adopt(await api['team.setRole']({ memberId, role })),
      previewRemoval: (memberId) => api['team.previewRemoval']({ memberId }),

      async removeMember(memberId) {
        const { team, rotateAtSource } = await api['team.removeMember']({ memberId });
        adopt(team);
        hooks.onContentChanged?.();
        return rotateAtSource;
      },

      async saveGroup(draft) {
        const before = get().details?.groups ?? [];
        const details = adopt(await api['team.saveGroup']({ ...(draft.id ? { id: draft.id } : {}), name: draft.name.trim(), memberIds: draft.memberIds }));
        const group = savedGroup(before, details.groups, draft);
        return group ?? { id: draft.id ?? '', name: draft.name.trim(), memberIds: draft.memberIds };
      },

      deleteGroup: async (id) => adopt(await api['team.deleteGroup']({ id })),
      setSettings: async (settings) => adopt(await api['team.setSettings']({ editorsCanCreateSecrets: settings.editorsCanCreateSecrets })),

      async sync() {
        if (get().syncing) return;
        set({ syncing: true, syncError: null });
        try {
          adopt(await api['workspaces.sync']({}));
          hooks.onContentChanged?.();
        } catch (error) {
          set({ syncError: asBridgeError(error).message });
        } finally {
          set({ syncing: false });
        }
      },
    };
  });
}
