import { useEffect } from 'react';
import { useIdentity, useTeam, useVault, useWorkspaces } from '../store';

/**
 * Once the vault is open: which workspace is active and my role in it (the views hide
 * what it doesn't allow), its team details (settings, members for the access pickers),
 * and 'workspace.changed' followed from then on.
 */
export function useWorkspaceSession(): void {
  const unlocked = useVault((state) => state.status?.state === 'unlocked');
  useEffect(() => {
    if (!unlocked) return;
    const workspaces = useWorkspaces.getState();
    workspaces.listen();
    void workspaces.load();
    void useTeam.getState().load();
    // Who I am: my name shows as the owner of my keys, and Keyflow asks for one until I choose it.
    void useIdentity.getState().load();
  }, [unlocked]);
}
