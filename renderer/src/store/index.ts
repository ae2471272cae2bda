import { bridge } from '../bridge/instance';
import { subscribe } from '../bridge/events';
import { createRunsStore } from './run-store';
import { createSecretsStore } from './secrets-store';
import { createVaultStore } from './vault-store';
import { createWorkflowEditorStore } from './workflow-editor-store';
import { createNavigationStore } from './workflow-navigation';
import { createWorkflowsStore } from './workflows-store';

/** The window's stores, bound to its bridge. */
export const useSecrets = createSecretsStore(bridge);
export const useVault = createVaultStore(bridge);
export const useNavigation = createNavigationStore();
export const useWorkflows = createWorkflowsStore(bridge);
export const useWorkflowEditor = createWorkflowEditorStore(bridge, { onSaved: (workflow) => useWorkflows.getState().saved(workflow) });
export const useRuns = createRunsStore(bridge, subscribe);
