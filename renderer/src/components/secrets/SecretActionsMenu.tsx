import type { SecretMeta } from '../../../../shared/model/secret';
import { RowActionsMenu, type RowAction } from '../common/RowActionsMenu';
import { actionsButtonId, type OnSecretAction, type SecretAction } from './secret-actions';

const ACTIONS: readonly RowAction<SecretAction>[] = [
  { action: 'rename', label: 'Rename' },
  { action: 'edit-value', label: 'Edit value' },
  { action: 'allowed-domains', label: 'Allowed domains' },
  { action: 'used-by', label: 'Used by' },
  { action: 'delete', label: 'Delete', danger: true },
];

/** The ellipsis menu of one secret key's row. */
export function SecretActionsMenu({ secret, onAction }: { secret: SecretMeta; onAction: OnSecretAction }) {
  return <RowActionsMenu id={actionsButtonId(secret.id)} name={secret.name} actions={ACTIONS} onAction={(action) => onAction(action, secret)} />;
}
