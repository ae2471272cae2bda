import type { StoreApi } from 'zustand';
import type { WorkspaceSummary } from '../../../shared/model/team';
import type { AuditState } from './audit-store';
import type { DeletedKeysState } from './deleted-keys-store';
import type { EnvironmentsState } from './environments-store';
import type { KeyHistoryState } from './key-history-store';
import type { RunsState } from './run-store';
import type { SecretsState } from './secrets-store';
import type { TeamState } from './team-store';
import type { EditorState } from './workflow-editor-store';
import type { NavigationState } from './workflow-navigation';
import type { WorkflowsState } from './workflows-store';

type Store<S> = Pick<StoreApi<S>, 'getState'>;

/** The stores that show one workspace's content. */
export interface WorkspaceStores {
  secrets: Store<SecretsState>;
  workflows: Store<WorkflowsState>;
  editor: Store<EditorState>;
  runs: Store<RunsState>;
  navigation: Store<NavigationState>;
  team: Store<TeamState>;
  audit: Store<AuditState>;
  deletedKeys: Store<DeletedKeysState>;
  environments: Store<EnvironmentsState>;
  keyHistory: Store<KeyHistoryState>;
}

/** How the stores follow the active workspace: what the workspace and team stores' hooks call. */
export function workspaceReloads(stores: WorkspaceStores) {
  /** Keys and workflows changed in main as a side effect (a sync merged the file, a member's keys were deleted): reload quietly. */
  function contentChanged(): void {
    void stores.secrets.getState().refresh();
    if (stores.environments.getState().loadState !== 'idle') void stores.environments.getState().load();
    if (stores.workflows.getState().loadState !== 'idle') void stores.workflows.getState().load();
    if (stores.audit.getState().loadState !== 'idle') void stores.audit.getState().load();
  }

  /**
   * Another workspace is active: nothing of the previous one stays on screen (its keys,
   * its workflows, the open workflow and run), and every store loads this one's.
   */
  function activated(active: WorkspaceSummary): void {
    const navigation = stores.navigation.getState();
    stores.editor.getState().close();
    stores.runs.getState().closeRun();
    if (navigation.openWorkflowId) navigation.showWorkflowList();
    if ((navigation.view === 'team' && active.kind !== 'team') || (navigation.route.view === 'secrets' && navigation.route.fromWorkflowId)) navigation.show('secrets');
    for (const store of [stores.secrets, stores.workflows, stores.team, stores.audit, stores.deletedKeys, stores.environments, stores.keyHistory]) store.getState().clear();
    void stores.secrets.getState().load();
    void stores.environments.getState().load();
    void stores.workflows.getState().load();
    void stores.team.getState().load();
    if (stores.navigation.getState().view === 'activity') void stores.audit.getState().load();
  }

  /** The active workspace's content changed under us (workspace.changed): members, settings, keys and workflows. */
  function changed(): void {
    void stores.team.getState().load();
    contentChanged();
  }

  return { activated, changed, contentChanged };
}
