import { useMemo } from 'react';
import type { SecretMeta } from '../../../../shared/model/secret';
import type { Profile } from '../../../../shared/model/team';
import { useNow } from '../../hooks/use-now';
import { useIsTeamWorkspace } from '../../hooks/use-rights';
import { useEnvironments, useIdentity, useSecrets, useTeam } from '../../store';
import { DataTable } from '../common/DataTable';
import { SecretRow, type TeamColumns } from './SecretRow';
import type { OnSecretAction } from './secret-actions';

const COLUMNS = ['Name', 'Description', 'Type', 'Updated', 'Last used', 'Used by', 'Values'];
const TEAM_COLUMNS = ['Name', 'Description', 'Type', 'Access', 'Owner', 'Updated', 'Last used', 'Used by', 'Values'];
const NO_MEMBERS: TeamColumns['members'] = [];
const NO_GROUPS: TeamColumns['groups'] = [];

/** Members' names by id, mine as I last set it (the owner of a key is named as they are called now, not as they were). */
export function memberNames(members: TeamColumns['members'], me: Profile | null): ReadonlyMap<string, string> {
  const names = new Map(members.map((member) => [member.memberId, member.name]));
  if (me) names.set(me.memberId, me.name);
  return names;
}

export function SecretsTable({ secrets, onAction }: { secrets: readonly SecretMeta[]; onAction: OnSecretAction }) {
  const now = useNow();
  const isTeam = useIsTeamWorkspace();
  const adminView = useSecrets((state) => state.tab === 'private-admin');
  const members = useTeam((state) => state.details?.members ?? NO_MEMBERS);
  const groups = useTeam((state) => state.details?.groups ?? NO_GROUPS);
  const me = useIdentity((state) => state.profile);
  const environments = useEnvironments((state) => state.environments);
  // One object for every row, so the memoized rows re-render only when it changes.
  const team = useMemo<TeamColumns | null>(
    () => (isTeam ? { grants: adminView, members, groups, names: memberNames(members, me) } : null),
    [isTeam, adminView, members, groups, me],
  );
  return (
    <DataTable caption="Secret keys" columns={team ? TEAM_COLUMNS : COLUMNS}>
      {secrets.map((secret) => (
        <SecretRow key={secret.id} secret={secret} now={now} team={team} environments={environments} onAction={onAction} />
      ))}
    </DataTable>
  );
}
