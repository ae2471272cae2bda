import { useNavigation, useVault } from '../../store';
import { ActivityView } from '../activity/ActivityView';
import { TeamView } from '../team/TeamView';
import { EnvironmentsView } from '../environments/EnvironmentsView';
import { VaultGate } from '../vault/VaultGate';
import { SettingsView } from '../settings/SettingsView';
import { Builder } from './Builder';
import { WorkflowList } from './WorkflowList';

/**
 * The main area. Secret Keys and every vault state (locked, keychain unavailable, …) are
 * the VaultGate's; Workflows, Team, Activity and Settings take over once the vault is unlocked.
 */
export function WorkspaceView() {
  const unlocked = useVault((state) => state.status?.state === 'unlocked');
  const view = useNavigation((state) => state.view);
  const openWorkflowId = useNavigation((state) => state.openWorkflowId);
  const runId = useNavigation((state) => state.runId);
  if (!unlocked || view === 'secrets') return <VaultGate />;
  if (view === 'team') return <TeamView />;
  if (view === 'environments') return <EnvironmentsView />;
  if (view === 'activity') return <ActivityView />;
  if (view === 'settings') return <SettingsView />;
  return openWorkflowId ? <Builder key={openWorkflowId} workflowId={openWorkflowId} runId={runId} /> : <WorkflowList />;
}
