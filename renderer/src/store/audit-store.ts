import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import type { AuditAction, AuditEntry } from '../../../shared/model/team';
import type { RunLabel } from '../../../shared/model/run';
import type { LoadState } from './secrets-store';
import { latestLoader } from './latest-load';

/** The Activity view's filters; main applies them (audit.list). */
export interface AuditFilters {
  secretId?: string;
  actorId?: string;
  action?: AuditAction;
}

export interface NamedOption {
  id: string;
  name: string;
}

/** Every secret and person the trail has named so far, by id: deleted keys and removed members stay filterable. */
export interface KnownNames {
  secrets: ReadonlyMap<string, string>;
  actors: ReadonlyMap<string, string>;
}

export const NO_NAMES: KnownNames = { secrets: new Map(), actors: new Map() };

/** `known` with the names `entries` use (the newest entry's name wins). Same object when nothing is new. */
export function rememberNames(known: KnownNames, entries: readonly AuditEntry[]): KnownNames {
  let secrets: Map<string, string> | null = null;
  let actors: Map<string, string> | null = null;
  // Entries come newest first: the first name seen for an id is its latest.
  const seen = new Set<string>();
  for (const entry of entries) {
    const secretKey = `s:${entry.secretId}`;
    if (!seen.has(secretKey)) {
      seen.add(secretKey);
      if (known.secrets.get(entry.secretId) !== entry.secretName) (secrets ??= new Map(known.secrets)).set(entry.secretId, entry.secretName);
    }
    const actorKey = `a:${entry.actorId}`;
    if (!seen.has(actorKey)) {
      seen.add(actorKey);
      if (known.actors.get(entry.actorId) !== entry.actorName) (actors ??= new Map(known.actors)).set(entry.actorId, entry.actorName);
    }
  }
  return secrets || actors ? { secrets: secrets ?? known.secrets, actors: actors ?? known.actors } : known;
}

/**
 * The choices of a filter: what the trail named, updated with the current names of what
 * still exists (`current`), sorted by name. Ids are unique; the selected one is kept
 * even if nothing names it any more.
 */
export function filterOptions(named: ReadonlyMap<string, string>, current: readonly NamedOption[], selected?: string): NamedOption[] {
  const byId = new Map(named);
  for (const option of current) byId.set(option.id, option.name);
  if (selected && !byId.has(selected)) byId.set(selected, selected);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

export interface AuditState {
  entries: readonly AuditEntry[];
  filters: AuditFilters;
  known: KnownNames;
  loadState: LoadState;
  loadError: string | null;
  /** The workflow and time of the runs the entries name (runs since deleted are missing). */
  runs: ReadonlyMap<string, RunLabel>;

  load(): Promise<void>;
  /** Changes some filters and lists again. */
  setFilters(change: AuditFilters): Promise<void>;
  clearFilters(): Promise<void>;
  /** Another workspace became active. */
  clear(): void;
}

type AuditBridge = Pick<BridgeApi, 'audit.list' | 'runs.labels'>;

const NO_RUNS: ReadonlyMap<string, RunLabel> = new Map();

/** Filters with the unset ones left out (what audit.list takes). */
export function auditArgs(filters: AuditFilters): AuditFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== '')) as AuditFilters;
}

export function createAuditStore(api: AuditBridge) {
  return create<AuditState>()((set, get) => {
    const loads = latestLoader(set, get);

    return {
      entries: [],
      filters: {},
      known: NO_NAMES,
      loadState: 'idle',
      loadError: null,
      runs: NO_RUNS,

      load: () =>
        loads.load(
          async () => {
            const entries = await api['audit.list'](auditArgs(get().filters));
            const runIds = [...new Set(entries.flatMap((entry) => (entry.runId ? [entry.runId] : [])))].slice(0, 500);
            // Without names the trail still shows: a run is then named by its id.
            const labels = runIds.length > 0 ? await api['runs.labels']({ ids: runIds }).catch(() => []) : [];
            return { entries, runs: new Map(labels.map((label) => [label.id, label])) };
          },
          ({ entries, runs }) => set({ entries, runs, known: rememberNames(get().known, entries), loadState: 'ready', loadError: null }),
        ),

      async setFilters(change) {
        set({ filters: auditArgs({ ...get().filters, ...change }) });
        await get().load();
      },

      async clearFilters() {
        set({ filters: {} });
        await get().load();
      },

      clear() {
        loads.invalidate();
        set({ entries: [], filters: {}, known: NO_NAMES, runs: NO_RUNS, loadState: 'idle', loadError: null });
      },
    };
  });
}
