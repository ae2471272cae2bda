import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import type { EnvironmentsView, Principal, Variable } from '../../../shared/model/environment';
import { latestOnly } from './latest-load';
import type { LoadState } from './secrets-store';

/** The active workspace's environments and plain variables (not secret: variables' texts are shown). */
export interface EnvironmentsState extends EnvironmentsView {
  variablesById: ReadonlyMap<string, Variable>;
  loadState: LoadState;
  load(): Promise<void>;
  clear(): void;
  /** The mutations reject with a BridgeError when main refuses. */
  create(name: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  reorder(ids: string[]): Promise<void>;
  remove(id: string): Promise<void>;
  setProtection(id: string, isProtected: boolean, runGrants: Principal[]): Promise<void>;
  createVariable(name: string, values?: Record<string, string>): Promise<Variable>;
  renameVariable(id: string, name: string): Promise<void>;
  setVariableValue(id: string, environmentId: string, value: string | null): Promise<void>;
  removeVariable(id: string): Promise<void>;
}

type EnvironmentsBridge = Pick<
  BridgeApi,
  | 'environments.list'
  | 'environments.create'
  | 'environments.rename'
  | 'environments.reorder'
  | 'environments.delete'
  | 'environments.setProtection'
  | 'variables.create'
  | 'variables.rename'
  | 'variables.setValue'
  | 'variables.delete'
>;

const EMPTY = { environments: [], variables: [], variablesById: new Map() } satisfies Partial<EnvironmentsState>;

export function createEnvironmentsStore(api: EnvironmentsBridge) {
  return create<EnvironmentsState>()((set, get) => {
    const loads = latestOnly();
    const adopt = (view: EnvironmentsView) => {
      loads.invalidate();
      set({ ...view, variablesById: new Map(view.variables.map((variable) => [variable.id, variable])), loadState: 'ready' });
    };
    const apply = async (call: () => Promise<EnvironmentsView>) => adopt(await call());
    return {
      ...EMPTY,
      loadState: 'idle',
      async load() {
        const load = loads.take();
        if (get().loadState === 'idle') set({ loadState: 'loading' });
        try {
          const view = await api['environments.list']({});
          if (loads.isLatest(load)) adopt(view);
        } catch {
          if (loads.isLatest(load)) set({ loadState: 'failed' });
        }
      },
      clear() {
        loads.invalidate();
        set({ ...EMPTY, loadState: 'idle' });
      },
      create: (name) => apply(() => api['environments.create']({ name })),
      rename: (id, name) => apply(() => api['environments.rename']({ id, name })),
      reorder: (ids) => apply(() => api['environments.reorder']({ ids })),
      remove: (id) => apply(() => api['environments.delete']({ id })),
      setProtection: (id, isProtected, runGrants) => apply(() => api['environments.setProtection']({ id, protected: isProtected, runGrants })),
      async createVariable(name, values) {
        const view = await api['variables.create']({ name, values });
        adopt(view);
        return view.variables.find((variable) => variable.name.trim().toLowerCase() === name.trim().toLowerCase())!;
      },
      renameVariable: (id, name) => apply(() => api['variables.rename']({ id, name })),
      setVariableValue: (id, environmentId, value) => apply(() => api['variables.setValue']({ id, environmentId, value })),
      removeVariable: (id) => apply(() => api['variables.delete']({ id })),
    };
  });
}
