import { bridge } from '../bridge/instance';
import { subscribe } from '../bridge/events';
import { createAuditStore } from './audit-store';
import { createDeletedKeysStore } from './deleted-keys-store';
import { createEnvironmentsStore } from './environments-store';
import { createKeyHistoryStore } from './key-history-store';
import { scopeOf } from './filter-secrets';
import { createIdentityStore } from './identity-store';
import { createRunsStore } from './run-store';
import { createSecretsStore } from './secrets-store';
import { createTeamStore } from './team-store';
import { createVaultStore } from './vault-store';
import { createRecoveryStore } from './recovery-store';
import { createWorkflowEditorStore } from './workflow-editor-store';
import { createNavigationStore } from './workflow-navigation';
import type { Route } from './routes';
import { createWorkflowsStore } from './workflows-store';
import { createWorkspacesStore } from './workspaces-store';
import { createImportsStore } from './imports-store';
import { workspaceReloads } from './workspace-reload';

/** The window's stores, bound to its bridge. */
export const useSecrets = createSecretsStore(bridge);
export const useVault = createVaultStore(bridge);
export const useRecovery = createRecoveryStore(bridge);
export const useNavigation = createNavigationStore(undefined, () => ({
  losesEdits: (route) => leavesDraft(route) && useWorkflowEditor.getState().dirty,
  leave: (route) => {
    if (leavesDraft(route)) useWorkflowEditor.getState().close();
  },
}));
/** Whether a route leaves the open workflow for the list or another workflow (other areas keep its draft). */
function leavesDraft(route: Route): boolean {
  const open = useWorkflowEditor.getState().workflowId;
  return open !== null && route.view === 'workflows' && route.workflowId !== open;
}
export const useWorkflows = createWorkflowsStore(bridge);
export const useWorkflowEditor = createWorkflowEditorStore(bridge, { onSaved: (workflow) => useWorkflows.getState().saved(workflow) });
export const useRuns = createRunsStore(bridge, subscribe);
export const useIdentity = createIdentityStore(bridge);
export const useAudit = createAuditStore(bridge);
export const useDeletedKeys = createDeletedKeysStore(bridge);
export const useEnvironments = createEnvironmentsStore(bridge);
export const useImports = createImportsStore(bridge, {
  onChanged: () => {
    void useWorkflows.getState().load();
    void useSecrets.getState().load();
    void useEnvironments.getState().load();
  },
});
export const useKeyHistory = createKeyHistoryStore(bridge);

export const useTeam = createTeamStore(bridge, {
  onDetails: (details) => useWorkspaces.getState().adopt(details.workspace),
  onContentChanged: () => reloads.contentChanged(),
});

const reloads = workspaceReloads({
  secrets: useSecrets,
  workflows: useWorkflows,
  editor: useWorkflowEditor,
  runs: useRuns,
  navigation: useNavigation,
  team: useTeam,
  audit: useAudit,
  deletedKeys: useDeletedKeys,
  environments: useEnvironments,
  keyHistory: useKeyHistory,
});

export const useWorkspaces = createWorkspacesStore(bridge, subscribe, { onActivated: reloads.activated, onChanged: reloads.changed });

// The tabs of Manage Secret Keys follow the active workspace and my role in it.
useWorkspaces.subscribe((state) => useSecrets.getState().setScope(scopeOf(state.active)));
