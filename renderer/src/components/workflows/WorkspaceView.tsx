import { useNavigation, useVault } from '../../store';
import { VaultGate } from '../vault/VaultGate';
import { Builder } from './Builder';
import { WorkflowList } from './WorkflowList';

/**
 * The main area. Secret Keys and every vault state (locked, keychain unavailable, …) are
 * the VaultGate's; Workflows take over once the vault is unlocked.
 */
export function WorkspaceView() {
  const unlocked = useVault((state) => state.status?.state === 'unlocked');
  const view = useNavigation((state) => state.view);
  const openWorkflowId = useNavigation((state) => state.openWorkflowId);
  if (!unlocked || view === 'secrets') return <VaultGate />;
  return openWorkflowId ? <Builder key={openWorkflowId} workflowId={openWorkflowId} /> : <WorkflowList />;
}
