/**
 * Values keys held before they were re-valued or deleted, kept so runs go on masking them:
 * an old token may still be valid at its source and come back in a response. Each is sealed
 * under this machine's master key (whatever sealed it before), bound to its workspace, key,
 * environment and version. Keyflow keeps run history without a time limit, so it keeps these as long;
 * they go with their workspace, and when this person loses their place in a team workspace.
 */
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';
import type { Vault } from '../vault/vault';
import type { SealContext } from '../vault/envelope';
import type { MaskableSecret } from './redactor';

/** A value a key held before it was re-valued or deleted. */
export interface RetiredValue {
  secretId: string;
  environmentId: string;
  version: number;
  name: string;
  value: string;
}

/** What a retired value is sealed to: its workspace (as "retired-<id>"), key, environment and version. */
export function retiredValueContext(workspaceId: string, secretId: string, environmentId: string, version: number): SealContext {
  return { workspaceId: `retired-${workspaceId}`, secretId, environmentId, version };
}

export class RetiredValues {
  private readonly prepare: Prepare;

  constructor(
    db: Db,
    private readonly vault: Vault,
    private readonly workspaceId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.prepare = statementCache(db);
  }

  private context(secretId: string, environmentId: string, version: number): SealContext {
    return retiredValueContext(this.workspaceId, secretId, environmentId, version);
  }

  retire({ secretId, environmentId, version, name, value }: RetiredValue): void {
    this.prepare('INSERT OR IGNORE INTO retired_values (workspace_id, secret_id, environment_id, version, name, retired_at, sealed_value) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(this.workspaceId, secretId, environmentId, version, name, this.now().toISOString(), this.vault.seal(this.context(secretId, environmentId, version), value));
  }

  /** Every retired value this machine can still open, named as the key was when it was retired. */
  values(): MaskableSecret[] {
    return this.prepare<[string], { secret_id: string; environment_id: string; version: number; name: string; sealed_value: Buffer }>(
        'SELECT secret_id, environment_id, version, name, sealed_value FROM retired_values WHERE workspace_id = ?',
      )
      .all(this.workspaceId)
      .flatMap((row) => {
        try {
          return [{ name: row.name, value: this.vault.open(this.context(row.secret_id, row.environment_id, row.version), row.sealed_value) }];
        } catch {
          return []; // sealed under a master key this vault no longer has
        }
      });
  }

  forget(): void {
    this.prepare('DELETE FROM retired_values WHERE workspace_id = ?').run(this.workspaceId);
  }
}
