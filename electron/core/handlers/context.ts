import type { AppInfo } from '../../../shared/model/app';
import type { BridgeHandlers } from '../bridge/dispatcher';
import type { Vault } from '../vault/vault';
import type { SecretStore } from '../secrets/secret-store';
import type { WorkflowStore } from '../workflows/workflow-store';
import type { RunStore } from '../runs/run-store';
import type { Runner } from '../runs/runner';

/** What the bridge handlers of every domain work with. */
export interface HandlerContext {
  host: AppInfo['host'];
  profileName: string;
  vault: Vault;
  secrets: SecretStore;
  workflows: WorkflowStore;
  runs: RunStore;
  runner: Runner;
  /** Called after the vault unlocks (the development tripwire learns the stored values). */
  onUnlocked(): void;
}

/** The handlers of the calls whose names start with `${Domain}.`. */
export type DomainHandlers<Domain extends string> = {
  [N in keyof BridgeHandlers as N extends `${Domain}.${string}` ? N : never]: BridgeHandlers[N];
};
