/** What a backup reads from: the personal workspace (its values under the master key), or a team workspace as this person holds it. */
import type { Vault } from '../vault/vault';
import type { SecretStore } from '../secrets/secret-store';
import type { BackupSource } from './backup-contents';

export function personalBackupSource(vault: Vault, workspace: { id: string; name: string }): BackupSource {
  return {
    workspace: { id: workspace.id, name: workspace.name, kind: 'personal' },
    sees: () => true,
    open: ({ secretId, environmentId, version, sealed }) => {
      try {
        return vault.open({ workspaceId: workspace.id, secretId, version, environmentId }, sealed);
      } catch {
        return null; // sealed under a master key this vault no longer has
      }
    },
  };
}

/** A team workspace: the keys this person can see, with the values they may use (their own wraps). */
export function teamBackupSource(secrets: SecretStore, workspace: { id: string; name: string }): BackupSource {
  const visible = new Set(secrets.list().map((secret) => secret.id));
  return {
    workspace: { id: workspace.id, name: workspace.name, kind: 'team' },
    sees: (secretId) => visible.has(secretId),
    open: ({ secretId, environmentId }) => {
      try {
        return secrets.revealForRun(secretId, environmentId);
      } catch {
        return null; // not shared with this person, or not in an environment they may run in
      }
    },
  };
}
