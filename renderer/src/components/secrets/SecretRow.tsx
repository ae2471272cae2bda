import { memo } from 'react';
import type { SecretMeta } from '../../../../shared/model/secret';
import type { Group, Member } from '../../../../shared/model/team';
import { countOf } from '../../format/count';
import { accessSummary, GRANT_LEVEL_LABELS, grantRows } from '../../store/secret-access';
import { RelativeTime } from './RelativeTime';
import { SecretActionsMenu } from './SecretActionsMenu';
import type { OnSecretAction } from './secret-actions';
import { SECRET_TYPE_LABELS } from './secret-types';

/** The Access and Owner columns of a team workspace; `grants` lists each key's people and groups (Private (Admin View)). */
export interface TeamColumns {
  grants: boolean;
  members: readonly Member[];
  groups: readonly Group[];
  /** Members' current names by id. */
  names: ReadonlyMap<string, string>;
}

interface Props {
  secret: SecretMeta;
  now: number;
  /** None in the personal workspace. */
  team: TeamColumns | null;
  onAction: OnSecretAction;
}

/** A masked key's hint: the last characters of its value ("••••abcd"). Hidden keys and short values show nothing. */
export function SecretHint({ secret }: { secret: SecretMeta }) {
  if (secret.visibility !== 'masked' || !secret.hint) return null;
  return (
    <span className="secret-hint">
      <span className="visually-hidden">Value ends in </span>
      <span className="mono">••••{secret.hint}</span>
    </span>
  );
}

function AccessCell({ secret, team }: { secret: SecretMeta; team: TeamColumns }) {
  if (!team.grants || secret.access.kind === 'team') return <>{accessSummary(secret.access)}</>;
  const rows = grantRows(secret.access.grants, team.members, team.groups);
  return (
    <>
      Restricted
      {rows.length === 0 ? (
        <span className="cell-muted-block">No one added: Owners, Admins and its creator only</span>
      ) : (
        <ul className="grant-summary" aria-label={`People and groups with access to ${secret.name}`}>
          {rows.map((row) => (
            <li key={row.key}>
              {row.name}
              {row.principal.kind === 'group' && <span className="badge badge-neutral grant-kind">Group</span>}
              <span className="cell-muted"> · {GRANT_LEVEL_LABELS[row.level]}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export const SecretRow = memo(function SecretRow({ secret, now, team, onAction }: Props) {
  return (
    <tr>
      <td className="cell-name">
        {secret.name}
        <SecretHint secret={secret} />
      </td>
      <td className="cell-description">{secret.description}</td>
      <td>
        <span className="badge">{SECRET_TYPE_LABELS[secret.type]}</span>
      </td>
      {team && (
        <>
          <td className="cell-access">
            <AccessCell secret={secret} team={team} />
          </td>
          <td className="cell-muted">{team.names.get(secret.createdById) ?? secret.createdBy}</td>
        </>
      )}
      <td className="cell-muted">
        <RelativeTime iso={secret.updatedAt} now={now} />
      </td>
      <td className="cell-muted">{secret.lastUsedAt ? <RelativeTime iso={secret.lastUsedAt} now={now} /> : 'Never'}</td>
      <td className="cell-muted">{countOf(secret.usedBy, 'workflow')}</td>
      <td className="cell-muted cell-number">v{secret.valueVersion}</td>
      <td className="cell-actions">
        <SecretActionsMenu secret={secret} workspaceKind={team ? 'team' : 'personal'} onAction={onAction} />
      </td>
    </tr>
  );
});
