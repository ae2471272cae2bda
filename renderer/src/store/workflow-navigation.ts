import { create } from 'zustand';

/** The app's areas (Team only in team workspaces). */
export type AppView = 'workflows' | 'secrets' | 'team' | 'activity';

/**
 * Where the user is: the area, and within Workflows the open workflow (null: the list).
 * Leaving for Secret Keys keeps the open workflow (and its unsaved edits, in the editor
 * store), so coming back lands in the same builder.
 */
export interface NavigationState {
  view: AppView;
  openWorkflowId: string | null;
  show(view: AppView): void;
  openWorkflow(id: string): void;
  showWorkflowList(): void;
}

/** The area shown at launch. (Secret Keys, which the first end-to-end suites start from.) */
export const INITIAL_VIEW: AppView = 'secrets';

export function createNavigationStore(initialView: AppView = INITIAL_VIEW) {
  return create<NavigationState>()((set) => ({
    view: initialView,
    openWorkflowId: null,
    show: (view) => set({ view }),
    openWorkflow: (id) => set({ view: 'workflows', openWorkflowId: id }),
    showWorkflowList: () => set({ view: 'workflows', openWorkflowId: null }),
  }));
}
