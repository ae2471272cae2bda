import { useNavigation, useVault } from '../../store';
import type { AppView } from '../../store/routes';
import { ActivityView } from '../activity/ActivityView';
import { RecoveryKitOffer } from '../recovery/RecoveryKitOffer';
import { SettingsView } from '../settings/SettingsView';
import { SecurityView } from '../security/SecurityView';
import { TeamView } from '../team/TeamView';
import { EnvironmentsView } from '../environments/EnvironmentsView';
import { MovingHereOffer } from '../vault/MovingHereOffer';
import { VaultGate } from '../vault/VaultGate';
import { Builder } from './Builder';
import { WorkflowList } from './WorkflowList';

/**
 * The main area. Secret Keys and every vault state (locked, keychain unavailable, …) are
 * the VaultGate's; Workflows, Team, Activity, the Security check and Settings take over once the vault is unlocked.
 * The two lists (secret keys, where Keyflow opens, and workflows) offer the recovery kit until one is kept, and on a
 * brand-new vault the ways to bring over what another machine held.
 */
export function WorkspaceView() {
  const unlocked = useVault((state) => state.status?.state === 'unlocked');
  const view = useNavigation((state) => state.view);
  const openWorkflowId = useNavigation((state) => state.openWorkflowId);
  const runId = useNavigation((state) => state.runId);
  const list = view === 'secrets' || (view === 'workflows' && !openWorkflowId);
  return (
    <>
      {unlocked && list && <MovingHereOffer />}
      {unlocked && list && <RecoveryKitOffer />}
      {viewContent(unlocked, view, openWorkflowId, runId)}
    </>
  );
}

function viewContent(unlocked: boolean, view: AppView, openWorkflowId: string | null, runId: string | null) {
  if (!unlocked || view === 'secrets') return <VaultGate />;
  if (view === 'team') return <TeamView />;
  if (view === 'environments') return <EnvironmentsView />;
  if (view === 'activity') return <ActivityView />;
  if (view === 'settings') return <SettingsView />;
  if (view === 'security') return <SecurityView />;
  return openWorkflowId ? <Builder key={openWorkflowId} workflowId={openWorkflowId} runId={runId} /> : <WorkflowList />;
}
