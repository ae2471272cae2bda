import { bridge } from '../bridge/instance';
import { subscribe } from '../bridge/events';
import { isAdmin, type WorkspaceSummary } from '../../../shared/model/team';
import { createAuditStore } from './audit-store';
import { PERSONAL_SCOPE, type SecretScope } from './filter-secrets';
import { createIdentityStore } from './identity-store';
import { createRunsStore } from './run-store';
import { createSecretsStore } from './secrets-store';
import { createTeamStore } from './team-store';
import { createVaultStore } from './vault-store';
import { createWorkflowEditorStore } from './workflow-editor-store';
import { createNavigationStore } from './workflow-navigation';
import { createWorkflowsStore } from './workflows-store';
import { createWorkspacesStore } from './workspaces-store';

/** The window's stores, bound to its bridge. */
export const useSecrets = createSecretsStore(bridge);
export const useVault = createVaultStore(bridge);
export const useNavigation = createNavigationStore();
export const useWorkflows = createWorkflowsStore(bridge);
export const useWorkflowEditor = createWorkflowEditorStore(bridge, { onSaved: (workflow) => useWorkflows.getState().saved(workflow) });
export const useRuns = createRunsStore(bridge, subscribe);
export const useIdentity = createIdentityStore(bridge);
export const useAudit = createAuditStore(bridge);

/** Keys and workflows changed in main as a side effect (a sync merged the file, a member's keys were deleted). */
function reloadContent(): void {
  void useSecrets.getState().refresh();
  if (useWorkflows.getState().loadState !== 'idle') void useWorkflows.getState().load();
  if (useAudit.getState().loadState !== 'idle') void useAudit.getState().load();
}

export const useTeam = createTeamStore(bridge, {
  onDetails: (details) => useWorkspaces.getState().adopt(details.workspace),
  onContentChanged: reloadContent,
});

/**
 * Another workspace is active: nothing of the previous one stays on screen (its keys, its
 * open workflow and run), and every store loads this one's.
 */
function activated(active: WorkspaceSummary): void {
  const navigation = useNavigation.getState();
  useWorkflowEditor.getState().close();
  useRuns.getState().closeRun();
  if (navigation.openWorkflowId) navigation.showWorkflowList();
  if (navigation.view === 'team' && active.kind !== 'team') navigation.show('secrets');
  useSecrets.getState().clear();
  useWorkflows.getState().clear();
  useTeam.getState().clear();
  useAudit.getState().clear();
  void useSecrets.getState().load();
  void useWorkflows.getState().load();
  void useTeam.getState().load();
  if (navigation.view === 'activity') void useAudit.getState().load();
}

export const useWorkspaces = createWorkspacesStore(bridge, subscribe, {
  onActivated: activated,
  onChanged: () => {
    void useTeam.getState().load();
    reloadContent();
  },
});

/** The tabs of Manage Secret Keys follow the active workspace and my role in it. */
export function scopeOf(active: WorkspaceSummary | null): SecretScope {
  return active ? { kind: active.kind, admin: isAdmin(active.myRole) } : PERSONAL_SCOPE;
}
useWorkspaces.subscribe((state) => useSecrets.getState().setScope(scopeOf(state.active)));
