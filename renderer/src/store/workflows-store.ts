import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import type { Workflow, WorkflowSummary } from '../../../shared/model/workflow';
import type { ImportResult, WorkflowExport } from '../../../shared/model/workflow-transfer';
import type { LoadState } from './secrets-store';
import { latestLoader } from './latest-load';

/** The list of workflows (summaries), and the calls that change it. */
export interface WorkflowsState {
  items: readonly WorkflowSummary[];
  loadState: LoadState;
  loadError: string | null;

  load(): Promise<void>;
  /** Another workspace became active: its workflows replace these. */
  clear(): void;
  /** The mutations reject with a BridgeError when main refuses. */
  create(name: string): Promise<Workflow>;
  rename(id: string, name: string): Promise<Workflow>;
  duplicate(id: string): Promise<Workflow>;
  remove(id: string): Promise<void>;
  exportWorkflow(id: string): Promise<WorkflowExport>;
  importWorkflow(json: string, mapping?: Record<string, string>): Promise<ImportResult>;
  /** A workflow saved elsewhere (the builder): refresh its summary. */
  saved(workflow: Workflow): void;
}

type WorkflowsBridge = Pick<
  BridgeApi,
  'workflows.list' | 'workflows.get' | 'workflows.create' | 'workflows.save' | 'workflows.duplicate' | 'workflows.delete' | 'workflows.export' | 'workflows.import'
>;

/** Main's order: by name, case-insensitively. */
function sortSummaries(items: WorkflowSummary[]): WorkflowSummary[] {
  return items.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
}

export function summaryOf(workflow: Workflow, previous?: WorkflowSummary): WorkflowSummary {
  return {
    id: workflow.id,
    name: workflow.name,
    stepCount: workflow.steps.length,
    updatedAt: workflow.updatedAt,
    brokenReferences: previous?.brokenReferences ?? 0,
    lastRun: previous?.lastRun ?? null,
  };
}

export function createWorkflowsStore(api: WorkflowsBridge) {
  return create<WorkflowsState>()((set, get) => {
    const loads = latestLoader(set, get);

    function upsert(workflow: Workflow): void {
      const previous = get().items.find((item) => item.id === workflow.id);
      const rest = get().items.filter((item) => item.id !== workflow.id);
      set({ items: sortSummaries([...rest, summaryOf(workflow, previous)]) });
    }

    /** Refreshes from main without showing a loading state (broken references, last runs). */
    function refresh(): void {
      void get().load();
    }

    return {
      items: [],
      loadState: 'idle',
      loadError: null,

      load: () =>
        loads.load(
          () => api['workflows.list']({}),
          (items) => set({ items, loadState: 'ready', loadError: null }),
        ),

      clear() {
        loads.invalidate();
        set({ items: [], loadState: 'idle', loadError: null });
      },

      async create(name) {
        const workflow = await api['workflows.create']({ name });
        upsert(workflow);
        return workflow;
      },

      async rename(id, name) {
        const current = await api['workflows.get']({ id });
        const workflow = await api['workflows.save']({ id, name, definition: { trigger: current.trigger, steps: current.steps } });
        upsert(workflow);
        return workflow;
      },

      async duplicate(id) {
        const workflow = await api['workflows.duplicate']({ id });
        upsert(workflow);
        refresh();
        return workflow;
      },

      async remove(id) {
        await api['workflows.delete']({ id });
        set({ items: get().items.filter((item) => item.id !== id) });
      },

      exportWorkflow: (id) => api['workflows.export']({ id }),

      async importWorkflow(json, mapping) {
        const result = await api['workflows.import'](mapping ? { json, mapping } : { json });
        if (result.status === 'imported') {
          upsert(result.workflow);
          refresh();
        }
        return result;
      },

      saved(workflow) {
        upsert(workflow);
        refresh();
      },
    };
  });
}
