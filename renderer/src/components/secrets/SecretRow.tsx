import { memo } from 'react';
import type { SecretMeta } from '../../../../shared/model/secret';
import type { Group, Member } from '../../../../shared/model/team';
import type { Environment } from '../../../../shared/model/environment';
import { PROVIDER_LABELS } from '../../../../shared/model/source';
import { countOf } from '../../format/count';
import { accessSummary, GRANT_LEVEL_LABELS, grantRows } from '../../store/secret-access';
import { RelativeTime } from './RelativeTime';
import { SecretActionsMenu } from './SecretActionsMenu';
import type { OnSecretAction } from './secret-actions';
import { SECRET_TYPE_LABELS } from './secret-types';
import { rotationLabel, rotationState } from '../../../../shared/model/rotation';

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
  environments: readonly Environment[];
  onAction: OnSecretAction;
}

/**
 * A key's value in each environment: its version and, for a masked stored value, its
 * hint (the last characters: "••••abcd"); a linked one names its source; an environment
 * without a value says so. One environment: no names.
 */
export function KeyValues({ secret, environments }: { secret: SecretMeta; environments: readonly Environment[] }) {
  const named = environments.length > 1;
  return (
    <ul className="value-list" aria-label={`Values of ${secret.name}`}>
      {environments.map((environment) => {
        const entry = secret.values.find((value) => value.environmentId === environment.id);
        return (
          <li key={environment.id} className={entry ? undefined : 'value-missing'}>
            {named && `${environment.name}: `}
            {!entry ? (
              'no value'
            ) : (
              <>
                v{entry.valueVersion}
                {entry.source && ` linked (${PROVIDER_LABELS[entry.source.provider]})`}
                {secret.visibility === 'masked' && entry.hint && (
                  <span className="secret-hint">
                    <span className="visually-hidden"> ends in </span>
                    <span className="mono"> ••••{entry.hint}</span>
                  </span>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** "Expires in 3 days", "Rotate in 2 days", "Overdue": shown from a week before a key is due. */
function RotationBadge({ secret, now }: { secret: SecretMeta; now: number }) {
  const state = rotationState(secret, new Date(now));
  if (!state || state.status === 'ok') return null;
  return (
    <span className={`badge ${state.status === 'overdue' ? 'badge-danger' : 'badge-warning'} rotation-badge`} title={`Due ${state.dueAt.slice(0, 10)}`}>
      {rotationLabel(state, new Date(now))}
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

export const SecretRow = memo(function SecretRow({ secret, now, team, environments, onAction }: Props) {
  return (
    <tr>
      <td className="cell-name">
        {secret.name}
        <RotationBadge secret={secret} now={now} />
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
      <td className="cell-muted">
        <KeyValues secret={secret} environments={environments} />
      </td>
      <td className="cell-actions">
        <SecretActionsMenu secret={secret} workspaceKind={team ? 'team' : 'personal'} onAction={onAction} />
      </td>
    </tr>
  );
});
