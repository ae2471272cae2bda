import { memo } from 'react';
import type { SecretMeta } from '../../../../shared/model/secret';
import { countOf } from '../../format/count';
import { RelativeTime } from './RelativeTime';
import { SecretActionsMenu } from './SecretActionsMenu';
import type { OnSecretAction } from './secret-actions';
import { SECRET_TYPE_LABELS } from './secret-types';

interface Props {
  secret: SecretMeta;
  now: number;
  onAction: OnSecretAction;
}

export const SecretRow = memo(function SecretRow({ secret, now, onAction }: Props) {
  return (
    <tr>
      <td className="cell-name">{secret.name}</td>
      <td className="cell-description">{secret.description}</td>
      <td>
        <span className="badge">{SECRET_TYPE_LABELS[secret.type]}</span>
      </td>
      <td className="cell-muted">
        <RelativeTime iso={secret.updatedAt} now={now} />
      </td>
      <td className="cell-muted">{secret.lastUsedAt ? <RelativeTime iso={secret.lastUsedAt} now={now} /> : 'Never'}</td>
      <td className="cell-muted">{countOf(secret.usedBy, 'workflow')}</td>
      <td className="cell-muted cell-number">v{secret.valueVersion}</td>
      <td className="cell-actions">
        <SecretActionsMenu secret={secret} onAction={onAction} />
      </td>
    </tr>
  );
});
