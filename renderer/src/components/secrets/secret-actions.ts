import type { SecretMeta } from '../../../../shared/model/secret';

/** What a row's actions menu offers. (Update permissions comes with team workspaces.) */
export type SecretAction = 'rename' | 'edit-value' | 'delete' | 'used-by' | 'allowed-domains';

export type OnSecretAction = (action: SecretAction, secret: SecretMeta) => void;

/** The id of a row's actions button, so focus can return to it after a dialog. Secret ids are [A-Za-z0-9_-]. */
export function actionsButtonId(secretId: string): string {
  return `secret-actions-${secretId}`;
}
