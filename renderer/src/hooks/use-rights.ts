import type { Role } from '../../../shared/model/team';
import { useTeam, useWorkspaces } from '../store';
import { settingsOf } from '../store/team-store';
import { rightsOf, type MyRights } from './rights-of';

/**
 * My role in the active workspace. Until main has said (or if it can't), Owner: the
 * personal workspace's, where everything is mine. Main enforces every right anyway; the
 * views only hide what it would refuse.
 */
export function useMyRole(): Role {
  return useWorkspaces((state) => state.active?.myRole ?? 'owner');
}

export function useIsTeamWorkspace(): boolean {
  return useWorkspaces((state) => state.active?.kind === 'team');
}

export function useMyRights(): MyRights {
  const role = useMyRole();
  const editorsCanCreate = useTeam((state) => settingsOf(state.details).editorsCanCreateSecrets);
  return rightsOf(role, editorsCanCreate);
}
