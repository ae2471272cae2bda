import type { SecretMeta } from '../../../../shared/model/secret';
import { RowActionsMenu } from '../common/RowActionsMenu';
import { actionsButtonId, secretActionsFor, type OnSecretAction } from './secret-actions';

/** The ellipsis menu of one secret key's row: what my rights on it allow. */
export function SecretActionsMenu({ secret, workspaceKind, onAction }: { secret: SecretMeta; workspaceKind: 'personal' | 'team'; onAction: OnSecretAction }) {
  return <RowActionsMenu id={actionsButtonId(secret.id)} name={secret.name} actions={secretActionsFor(secret, workspaceKind)} onAction={(action) => onAction(action, secret)} />;
}
