import type { AppInfo } from '../../../shared/model/app';
import type { PathKind } from '../../../shared/model/files';
import type { BridgeHandlers } from '../bridge/dispatcher';
import type { Vault } from '../vault/vault';
import type { Identity } from '../identity/identity';
import type { VaultRecovery } from '../recovery/vault-recovery';
import type { WorkspaceManager } from '../workspaces/workspace-manager';
import type { WorkspaceSession } from '../workspaces/workspace-session';
import type { Backups } from '../backup/backups';
import type { BackupScheduler } from '../backup/backup-schedule';

/** What the bridge handlers of every domain work with. */
export interface HandlerContext {
  host: AppInfo['host'];
  vault: Vault;
  identity: Identity;
  /** The recovery kit, and the ways back into a vault that can't be opened. */
  recovery: VaultRecovery;
  workspaces: WorkspaceManager;
  /** The active workspace (its stores check the asking person's rights). */
  session(): WorkspaceSession;
  /** Called after the vault unlocks: the identity loads, the development tripwire learns the values. */
  onUnlocked(): Promise<void>;
  /** Called after another workspace became active: the development tripwire learns its values. */
  onWorkspaceOpened(): void;
  /** Tells the renderer the active workspace changed or received changes. */
  workspaceChanged(workspaceId: string): void;
  /** The system's file dialog, where the shell has one (Electron); null when cancelled. */
  choosePath?: (kind: PathKind) => Promise<string | null>;
  backups: Backups;
  backupSchedule: BackupScheduler;
}

/** The handlers of the calls whose names start with `${Domain}.`. */
export type DomainHandlers<Domain extends string> = {
  [N in keyof BridgeHandlers as N extends `${Domain}.${string}` ? N : never]: BridgeHandlers[N];
};
