import { useMemo } from 'react';
import type { SecretMeta } from '../../../../shared/model/secret';
import { useNow } from '../../hooks/use-now';
import { useIsTeamWorkspace } from '../../hooks/use-rights';
import { useSecrets, useTeam } from '../../store';
import { DataTable } from '../common/DataTable';
import { SecretRow, type TeamColumns } from './SecretRow';
import type { OnSecretAction } from './secret-actions';

const COLUMNS = ['Name', 'Description', 'Type', 'Updated', 'Last used', 'Used by', 'Version'];
const TEAM_COLUMNS = ['Name', 'Description', 'Type', 'Access', 'Owner', 'Updated', 'Last used', 'Used by', 'Version'];
const NO_MEMBERS: TeamColumns['members'] = [];
const NO_GROUPS: TeamColumns['groups'] = [];

export function SecretsTable({ secrets, onAction }: { secrets: readonly SecretMeta[]; onAction: OnSecretAction }) {
  const now = useNow();
  const isTeam = useIsTeamWorkspace();
  const adminView = useSecrets((state) => state.tab === 'private-admin');
  const members = useTeam((state) => state.details?.members ?? NO_MEMBERS);
  const groups = useTeam((state) => state.details?.groups ?? NO_GROUPS);
  // One object for every row, so the memoized rows re-render only when it changes.
  const team = useMemo<TeamColumns | null>(() => (isTeam ? { grants: adminView, members, groups } : null), [isTeam, adminView, members, groups]);
  return (
    <DataTable caption="Secret keys" columns={team ? TEAM_COLUMNS : COLUMNS}>
      {secrets.map((secret) => (
        <SecretRow key={secret.id} secret={secret} now={now} team={team} onAction={onAction} />
      ))}
    </DataTable>
  );
}
