import { create } from 'zustand';
import type { BridgeApi, BridgeEvent } from '../../../shared/bridge/contract';
import { summaryOfRun, type Run, type RunSummary, type StepStatus } from '../../../shared/model/run';
import { asBridgeError } from '../bridge/failure';
import type { LoadState } from './secrets-store';

export function isActive(status: StepStatus): boolean {
  return status === 'pending' || status === 'running';
}

/**
 * Whether `incoming` should replace `current` (the same run seen twice: from an event and
 * from runs.get, in either order). A finished run never goes back to running, and a
 * snapshot with fewer finished steps is older.
 */
export function isNewerSnapshot(current: Run, incoming: Run): boolean {
  if (!isActive(current.status) && isActive(incoming.status)) return false;
  const settled = (run: Run) => run.steps.filter((step) => !isActive(step.status)).length;
  return settled(incoming) >= settled(current) || !isActive(incoming.status);
}

/** The summaries with `run`'s in place (or first: the newest run). A finished run's summary is never taken back to running. */
export function upsertRunSummary(items: readonly RunSummary[], run: Run): readonly RunSummary[] {
  const existing = items.find((item) => item.id === run.id);
  if (!existing) return [summaryOfRun(run), ...items];
  if (!isActive(existing.status) && isActive(run.status)) return items;
  return items.map((item) => (item.id === run.id ? summaryOfRun(run) : item));
}

export interface RunsState {
  /** The workflow whose runs are shown. */
  workflowId: string | null;
  history: readonly RunSummary[];
  historyState: LoadState;
  historyError: string | null;
  /** The run shown in the run panel. */
  current: Run | null;
  currentError: string | null;
  starting: boolean;
  cancelling: boolean;
  startError: string | null;

  /**
   * Shows the runs of a workflow (clears the panel when it is another one) and one run:
   * `runId`, or when none is asked for and none is shown, the last one.
   */
  showWorkflow(workflowId: string, runId?: string | null): Promise<void>;
  /** Runs in an environment (the workflow's last one when none is named); `confirm` for a protected one. */
  start(workflowId: string, environmentId?: string, confirm?: boolean): Promise<Run | null>;
  open(runId: string): Promise<void>;
  /** Shows any run (e.g. from the activity trail) with its workflow's history; resolves to it, or null (see currentError). */
  reveal(runId: string): Promise<Run | null>;
  cancel(): Promise<void>;
  /** A snapshot from main (an event or a poll). */
  receive(run: Run): void;
  closeRun(): void;
}

type RunsBridge = Pick<BridgeApi, 'runs.start' | 'runs.get' | 'runs.list' | 'runs.cancel'>;
type Subscribe = (listener: (event: BridgeEvent) => void) => () => void;

/** How long a running run may go without an event before the panel asks main itself. */
export const POLL_AFTER_MS = 1500;
const POLL_EVERY_MS = 1000;

export function createRunsStore(api: RunsBridge, subscribe: Subscribe | null, clock: { now(): number } = Date) {
  return create<RunsState>()((set, get) => {
    let unsubscribe: (() => void) | null = null;
    let poller: ReturnType<typeof setInterval> | null = null;
    let lastHeard = 0;
    let polling = false;

    function listen(): void {
      if (unsubscribe || !subscribe) return;
      try {
        unsubscribe = subscribe((event) => {
          if (event.name === 'run.progress') get().receive(event.payload);
        });
      } catch {
        unsubscribe = null;
      }
    }

    function stopPolling(): void {
      if (poller) clearInterval(poller);
      poller = null;
    }

    /** While the shown run is active: ask main whenever events have stopped coming (a dropped stream). */
    function watch(): void {
      listen();
      lastHeard = clock.now();
      if (poller) return;
      poller = setInterval(() => {
        const run = get().current;
        if (!run || !isActive(run.status)) return stopPolling();
        if (polling || clock.now() - lastHeard < POLL_AFTER_MS) return;
        polling = true;
        api['runs.get']({ id: run.id })
          .then((fresh) => {
            lastHeard = clock.now();
            get().receive(fresh);
          })
          .catch(() => undefined)
          .finally(() => (polling = false));
      }, POLL_EVERY_MS);
    }

    async function loadHistory(workflowId: string): Promise<void> {
      if (get().history.length === 0) set({ historyState: 'loading', historyError: null });
      try {
        const history = await api['runs.list']({ workflowId });
        if (get().workflowId === workflowId) set({ history, historyState: 'ready', historyError: null });
      } catch (error) {
        if (get().workflowId === workflowId) set({ historyState: 'failed', historyError: asBridgeError(error).message });
      }
    }

    return {
      workflowId: null,
      history: [],
      historyState: 'idle',
      historyError: null,
      current: null,
      currentError: null,
      starting: false,
      cancelling: false,
      startError: null,

      async showWorkflow(workflowId, runId = null) {
        listen();
        if (get().workflowId !== workflowId) {
          stopPolling();
          set({ workflowId, history: [], historyState: 'idle', current: null, currentError: null, startError: null });
        }
        const asked = runId && get().current?.id !== runId ? get().open(runId) : null;
        await loadHistory(workflowId);
        await asked;
        const last = get().history[0];
        if (!runId && !get().current && last) {
          // The last run, unless something else came to be shown meanwhile (a run started).
          const run = await api['runs.get']({ id: last.id }).catch(() => null);
          if (run && !get().current && get().workflowId === workflowId) set({ current: run });
        }
        const current = get().current;
        if (current && isActive(current.status)) watch();
      },

      async start(workflowId, environmentId, confirm) {
        if (get().starting) return null;
        if (get().workflowId !== workflowId) set({ workflowId, history: [], historyState: 'idle' });
        listen();
        set({ starting: true, startError: null, currentError: null });
        try {
          const run = await api['runs.start']({ workflowId, environmentId, confirm });
          // Progress events may have come first: keep the newer picture.
          const existing = get().current;
          const current = existing && existing.id === run.id && !isNewerSnapshot(existing, run) ? existing : run;
          set({ current, starting: false, history: upsertRunSummary(get().history, current) });
          if (isActive(current.status)) watch();
          return current;
        } catch (error) {
          set({ starting: false, startError: asBridgeError(error).message });
          return null;
        }
      },

      async open(runId) {
        set({ currentError: null });
        try {
          const run = await api['runs.get']({ id: runId });
          set({ current: run });
          if (isActive(run.status)) watch();
        } catch (error) {
          set({ currentError: asBridgeError(error).message });
        }
      },

      async reveal(runId) {
        set({ currentError: null });
        let run: Run;
        try {
          run = await api['runs.get']({ id: runId });
        } catch (error) {
          set({ currentError: asBridgeError(error).message });
          return null;
        }
        if (get().workflowId !== run.workflowId) {
          stopPolling();
          set({ workflowId: run.workflowId, history: [], historyState: 'idle', startError: null });
        }
        set({ current: run });
        if (isActive(run.status)) watch();
        void loadHistory(run.workflowId);
        return run;
      },

      async cancel() {
        const run = get().current;
        if (!run || !isActive(run.status) || get().cancelling) return;
        set({ cancelling: true });
        try {
          await api['runs.cancel']({ id: run.id });
          const fresh = await api['runs.get']({ id: run.id }).catch(() => null);
          if (fresh) get().receive(fresh);
        } catch (error) {
          set({ currentError: asBridgeError(error).message });
        } finally {
          set({ cancelling: false });
        }
      },

      receive(run) {
        const { current, workflowId, history } = get();
        if (run.workflowId === workflowId) set({ history: upsertRunSummary(history, run) });
        if (!current || current.id !== run.id) return;
        lastHeard = clock.now();
        if (!isNewerSnapshot(current, run)) return;
        set({ current: run });
        if (!isActive(run.status)) stopPolling();
      },

      closeRun() {
        stopPolling();
        set({ current: null, currentError: null });
      },
    };
  });
}
