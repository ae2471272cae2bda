import { create } from 'zustand';
import type { BridgeApi, BridgeEvent } from '../../../shared/bridge/contract';
import type { WorkspaceSummary } from '../../../shared/model/team';
import { asBridgeError } from '../bridge/failure';
import type { LoadState } from './secrets-store';
import { latestOnly } from './latest-load';

/** The workspaces I belong to (the personal one and team workspace files) and which one is active. */
export interface WorkspacesState {
  items: readonly WorkspaceSummary[];
  /** The active workspace; null until main has answered. */
  active: WorkspaceSummary | null;
  loadState: LoadState;
  loadError: string | null;
  /** A switch, create or open is under way. */
  switching: boolean;

  load(): Promise<void>;
  /** These reject with a BridgeError when main refuses; on success every store reloads (see the hooks). */
  switchTo(id: string): Promise<WorkspaceSummary>;
  create(name: string, folder: string): Promise<WorkspaceSummary>;
  open(path: string): Promise<WorkspaceSummary>;
  /** Main's newer picture of a workspace (team details, a sync): my role or its name changed. */
  adopt(summary: WorkspaceSummary): void;
  /** Starts following 'workspace.changed' (idempotent). */
  listen(): void;
}

type WorkspacesBridge = Pick<BridgeApi, 'workspaces.list' | 'workspaces.switch' | 'workspaces.create' | 'workspaces.open'>;
type Subscribe = (listener: (event: BridgeEvent) => void) => () => void;

export interface WorkspaceHooks {
  /** Another workspace became active: drop what the previous one showed and load this one's. */
  onActivated?(active: WorkspaceSummary, previous: WorkspaceSummary | null): void;
  /** The active workspace's content changed under us (a sync merged changes from the file): reload quietly. */
  onChanged?(active: WorkspaceSummary): void;
}

/** `items` with `summary` in place (or added) and the only active one when it is active. */
export function withWorkspace(items: readonly WorkspaceSummary[], summary: WorkspaceSummary): WorkspaceSummary[] {
  const others = items.filter((item) => item.id !== summary.id).map((item) => (summary.active && item.active ? { ...item, active: false } : item));
  const index = items.findIndex((item) => item.id === summary.id);
  if (index < 0) return [...others, summary];
  others.splice(index, 0, summary);
  return others;
}

export function createWorkspacesStore(api: WorkspacesBridge, subscribe: Subscribe | null, hooks: WorkspaceHooks = {}) {
  return create<WorkspacesState>()((set, get) => {
    const loads = latestOnly();
    let unsubscribe: (() => void) | null = null;

    function activeOf(items: readonly WorkspaceSummary[]): WorkspaceSummary | null {
      return items.find((item) => item.active) ?? null;
    }

    /** Lists again; tells the hooks whether the active workspace is another one now, or the one that `changed`. */
    async function relist(changed: string | null): Promise<void> {
      const load = loads.take();
      try {
        const items = await api['workspaces.list']({});
        if (!loads.isLatest(load)) return;
        const previous = get().active;
        const active = activeOf(items);
        set({ items, active, loadState: 'ready', loadError: null });
        if (!active) return;
        if (previous && previous.id !== active.id) hooks.onActivated?.(active, previous);
        else if (changed === active.id) hooks.onChanged?.(active);
      } catch (error) {
        if (loads.isLatest(load) && get().loadState !== 'ready') set({ loadState: 'failed', loadError: asBridgeError(error).message });
      }
    }

    async function activate(call: () => Promise<WorkspaceSummary>): Promise<WorkspaceSummary> {
      set({ switching: true });
      const previous = get().active;
      let summary: WorkspaceSummary;
      try {
        summary = await call();
      } catch (error) {
        throw asBridgeError(error);
      } finally {
        set({ switching: false });
      }
      loads.invalidate();
      const active = { ...summary, active: true };
      set({ items: withWorkspace(get().items, active), active });
      if (previous?.id !== active.id) hooks.onActivated?.(active, previous);
      // A created or opened workspace joins the list; names and roles may have changed meanwhile.
      void relist(null);
      return active;
    }

    return {
      items: [],
      active: null,
      loadState: 'idle',
      loadError: null,
      switching: false,

      async load() {
        if (get().loadState !== 'ready') set({ loadState: 'loading', loadError: null });
        await relist(null);
      },

      switchTo: (id) => activate(() => api['workspaces.switch']({ id })),
      create: (name, folder) => activate(() => api['workspaces.create']({ name, folder })),
      open: (path) => activate(() => api['workspaces.open']({ path })),

      adopt(summary) {
        const current = get().items.find((item) => item.id === summary.id);
        if (!current) return;
        const merged = { ...summary, active: current.active };
        if (JSON.stringify(merged) === JSON.stringify(current)) return;
        const items = withWorkspace(get().items, merged);
        set({ items, active: activeOf(items) });
      },

      listen() {
        if (unsubscribe || !subscribe) return;
        try {
          unsubscribe = subscribe((event) => {
            if (event.name === 'workspace.changed') void relist(event.payload.workspaceId);
          });
        } catch {
          unsubscribe = null;
        }
      },
    };
  });
}
