import type { SecretMeta } from '../../../../shared/model/secret';
import type { RowAction } from '../common/RowActionsMenu';

/** What a row's actions menu may offer. */
export type SecretAction = 'rename' | 'edit-value' | 'history' | 'rotation' | 'permissions' | 'allowed-domains' | 'run-code' | 'used-by' | 'delete';

export type OnSecretAction = (action: SecretAction, secret: SecretMeta) => void;

const ALL_ACTIONS: readonly (RowAction<SecretAction> & { manage: boolean; teamOnly?: boolean })[] = [
  { action: 'rename', label: 'Rename', manage: true },
  { action: 'edit-value', label: 'Edit value', manage: true },
  { action: 'history', label: 'History', manage: false },
  { action: 'rotation', label: 'Rotation reminder', manage: true },
  { action: 'permissions', label: 'Update permissions', manage: true, teamOnly: true },
  { action: 'allowed-domains', label: 'Allowed domains', manage: true },
  { action: 'run-code', label: 'Readable by Run Code', manage: true },
  { action: 'used-by', label: 'Used by', manage: false },
  { action: 'delete', label: 'Delete', danger: true, manage: true },
];

/**
 * The menu of one key: whoever sees it may look at what uses it; only who may manage it
 * (rights.manage, as main computed it) renames, re-values, re-permissions, restricts its
 * domains or deletes it. Permissions exist only in team workspaces.
 */
export function secretActionsFor(secret: SecretMeta, workspaceKind: 'personal' | 'team'): RowAction<SecretAction>[] {
  return ALL_ACTIONS.filter((item) => (!item.manage || secret.rights.manage) && (!item.teamOnly || workspaceKind === 'team')).map(({ action, label, danger }) => {
    if (action === 'run-code') return { action, label: secret.readableByRunCode ? 'Stop Run Code reading it' : 'Let Run Code read it' };
    return danger ? { action, label, danger } : { action, label };
  });
}

/** The id of a row's actions button, so focus can return to it after a dialog. Secret ids are [A-Za-z0-9_-]. */
export function actionsButtonId(secretId: string): string {
  return `secret-actions-${secretId}`;
}
