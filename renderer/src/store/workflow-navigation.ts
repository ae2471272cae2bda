import { create } from 'zustand';
import { routeOfView, sameRoute, type AppView, type Route } from './routes';

export type { AppView } from './routes';

/** How a navigation enters the window's history: a new entry, or in place of the current one. */
export type HistoryMode = 'push' | 'replace';

export interface NavigationGuard {
  /** Whether going to `route` would drop unsaved edits (the open workflow's draft). */
  losesEdits(route: Route): boolean;
  /** Drops what `route` leaves behind (the draft of a workflow no longer open). */
  leave(route: Route): void;
}

/**
 * Where the user is (a Route, mirrored in the address by useAddress). Going to Secret
 * Keys, Team or Activity keeps the open workflow's draft in the editor store, so coming
 * back lands in the same builder; going to the list or another workflow with unsaved
 * edits waits (`pending`) until the user saves, discards or stays.
 */
export interface NavigationState {
  route: Route;
  /** The area shown (route.view). */
  view: AppView;
  /** The workflow whose builder is shown (null: the list, or another area). */
  openWorkflowId: string | null;
  /** The run the address asks for in the builder. */
  runId: string | null;
  /** A navigation waiting for the user's answer about unsaved edits. */
  pending: Route | null;
  /** How the last navigation should enter the window's history. */
  historyMode: HistoryMode;

  go(route: Route, mode?: HistoryMode): void;
  show(view: AppView): void;
  openWorkflow(id: string, runId?: string | null, mode?: HistoryMode): void;
  showWorkflowList(): void;
  /** The user saved or discarded: go where they were going. */
  proceed(): void;
  /** The user stays. */
  stay(): void;
}

/** The area shown at launch when the address names none. (Secret Keys, which the first end-to-end suites start from.) */
export const INITIAL_VIEW: AppView = 'secrets';

const NO_GUARD: NavigationGuard = { losesEdits: () => false, leave: () => undefined };

function fields(route: Route) {
  return {
    route,
    view: route.view,
    openWorkflowId: route.view === 'workflows' ? route.workflowId : null,
    runId: route.view === 'workflows' ? route.runId : null,
  };
}

export function createNavigationStore(initialView: AppView = INITIAL_VIEW, guard: () => NavigationGuard = () => NO_GUARD) {
  return create<NavigationState>()((set, get) => {
    function commit(route: Route, mode: HistoryMode): void {
      guard().leave(route);
      set({ ...fields(route), pending: null, historyMode: mode });
    }

    return {
      ...fields(routeOfView(initialView)),
      pending: null,
      historyMode: 'replace',

      go(route, mode = 'push') {
        if (sameRoute(route, get().route)) return set({ pending: null });
        if (guard().losesEdits(route)) return set({ pending: route });
        commit(route, mode);
      },
      show: (view) => get().go(routeOfView(view)),
      openWorkflow: (id, runId = null, mode) => get().go({ view: 'workflows', workflowId: id, runId }, mode),
      showWorkflowList: () => get().go(routeOfView('workflows')),
      proceed() {
        const pending = get().pending;
        if (pending) commit(pending, 'push');
      },
      stay: () => set({ pending: null }),
    };
  });
}
