import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import { fieldPath, type BridgeError } from '../../../shared/bridge/errors';
import type { Step, Workflow, WorkflowDefinition } from '../../../shared/model/workflow';
import { asBridgeError } from '../bridge/failure';
import { canRedo, canUndo, initHistory, record, redo, undo, type History } from './workflow-history';
import { replaceStep, withSteps } from './workflow-edits';
import type { LoadState } from './secrets-store';
import { latestOnly } from './latest-load';

/** What the builder edits: everything workflows.save sends. */
export interface Draft {
  name: string;
  definition: WorkflowDefinition;
}

export function draftOf(workflow: Workflow): Draft {
  return { name: workflow.name, definition: { trigger: workflow.trigger, steps: workflow.steps } };
}

export function sameDraft(a: Draft | null, b: Draft | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}

/** The step a save error is about (its field path goes through definition.steps.N), if it names one. */
export function stepIndexOfError(error: BridgeError | null): number | null {
  const [root, list, index] = fieldPath(error?.field);
  return root === 'definition' && list === 'steps' && typeof index === 'number' ? index : null;
}

export interface EditorState {
  workflowId: string | null;
  loadState: LoadState;
  loadError: string | null;
  /** When the open workflow was created and last saved (main's clock). */
  meta: { createdAt: string; updatedAt: string } | null;
  history: History<Draft> | null;
  /** The draft as main last stored it. */
  saved: Draft | null;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  selectedStepId: string | null;
  saving: boolean;
  saveError: BridgeError | null;

  /** Opens a workflow (a no-op when it is already open: its unsaved edits stay). */
  open(id: string): Promise<void>;
  reload(): Promise<void>;
  close(): void;
  /** One edit of the draft. Edits with the same `key` in quick succession undo as one. */
  edit(change: (draft: Draft) => Draft, key?: string): void;
  editSteps(change: (steps: Step[]) => Step[], key?: string): void;
  editStep(id: string, change: (step: Step) => Step, key?: string): void;
  undo(): void;
  redo(): void;
  select(stepId: string | null): void;
  /** Saves the draft; resolves to the saved workflow, or null when main refused (see saveError). */
  save(): Promise<Workflow | null>;
}

type EditorBridge = Pick<BridgeApi, 'workflows.get' | 'workflows.save'>;

/** The editor with no workflow open (at first, after close, and reset as an open begins). */
const NOTHING_OPEN = {
  workflowId: null,
  loadState: 'idle',
  loadError: null,
  meta: null,
  history: null,
  saved: null,
  dirty: false,
  canUndo: false,
  canRedo: false,
  selectedStepId: null,
  saveError: null,
} satisfies Partial<EditorState>;

export function createWorkflowEditorStore(api: EditorBridge, hooks: { onSaved?(workflow: Workflow): void } = {}) {
  return create<EditorState>()((set, get) => {
    const opens = latestOnly();

    /** The state that follows from a new history: the flags the toolbar reads. */
    function withHistory(history: History<Draft>, saved: Draft | null = get().saved) {
      return { history, dirty: !sameDraft(history.present, saved), canUndo: canUndo(history), canRedo: canRedo(history) };
    }

    function keepSelection(draft: Draft): string | null {
      const selected = get().selectedStepId;
      return selected && draft.definition.steps.some((step) => step.id === selected) ? selected : null;
    }

    async function load(id: string): Promise<void> {
      const open = opens.take();
      set({ ...NOTHING_OPEN, workflowId: id, loadState: 'loading' });
      try {
        const workflow = await api['workflows.get']({ id });
        if (!opens.isLatest(open)) return;
        const draft = draftOf(workflow);
        set({
          ...withHistory(initHistory(draft), draft),
          saved: draft,
          meta: { createdAt: workflow.createdAt, updatedAt: workflow.updatedAt },
          loadState: 'ready',
          selectedStepId: draft.definition.steps[0]?.id ?? null,
        });
      } catch (error) {
        if (opens.isLatest(open)) set({ loadState: 'failed', loadError: asBridgeError(error).message });
      }
    }

    return {
      ...NOTHING_OPEN,
      saving: false,

      async open(id) {
        const state = get();
        if (state.workflowId === id && (state.loadState === 'ready' || state.loadState === 'loading')) return;
        await load(id);
      },

      async reload() {
        const id = get().workflowId;
        if (id) await load(id);
      },

      close() {
        opens.invalidate();
        set(NOTHING_OPEN);
      },

      edit(change, key) {
        const history = get().history;
        if (!history) return;
        const next = change(history.present);
        if (next === history.present) return;
        set({ ...withHistory(record(history, next, { key })), saveError: null });
      },

      editSteps(change, key) {
        get().edit((draft) => ({ ...draft, definition: withSteps(draft.definition, change(draft.definition.steps)) }), key);
      },

      editStep(id, change, key) {
        get().editSteps((steps) => replaceStep(steps, id, change), key);
      },

      undo() {
        const history = get().history;
        if (!history || !canUndo(history)) return;
        const next = undo(history);
        set({ ...withHistory(next), selectedStepId: keepSelection(next.present) ?? get().selectedStepId });
      },

      redo() {
        const history = get().history;
        if (!history || !canRedo(history)) return;
        const next = redo(history);
        set({ ...withHistory(next), selectedStepId: keepSelection(next.present) ?? get().selectedStepId });
      },

      select(stepId) {
        set({ selectedStepId: stepId });
      },

      async save() {
        const { workflowId, history, saving } = get();
        if (!workflowId || !history || saving) return null;
        const draft = history.present;
        set({ saving: true, saveError: null });
        try {
          const workflow = await api['workflows.save']({ id: workflowId, name: draft.name, definition: draft.definition });
          if (get().workflowId !== workflowId) return workflow;
          // Main may normalize (e.g. trim the name): adopt its version when nothing changed meanwhile.
          const stored = draftOf(workflow);
          const current = get().history!;
          const unchanged = current.present === draft;
          const nextHistory = unchanged && !sameDraft(stored, draft) ? { ...current, present: stored } : current;
          set({
            ...withHistory(nextHistory, stored),
            saved: stored,
            meta: { createdAt: workflow.createdAt, updatedAt: workflow.updatedAt },
            saving: false,
          });
          hooks.onSaved?.(workflow);
          return workflow;
        } catch (error) {
          const failure = asBridgeError(error);
          const index = stepIndexOfError(failure);
          const step = index === null ? undefined : get().history?.present.definition.steps[index];
          set({ saving: false, saveError: failure, ...(step ? { selectedStepId: step.id } : {}) });
          return null;
        }
      },
    };
  });
}
