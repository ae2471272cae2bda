/**
 * Values keys held before they were re-valued or deleted, kept so runs go on masking them:
 * an old token may still be valid at its source and come back in a response. Each is sealed
 * under this machine's master key (whatever sealed it before), bound to its workspace, key,
 * environment and version. Keyflow keeps run history without a time limit, so it keeps these as long;
 * they go with their workspace, and when this person loses their place in a team workspace.
 *
 * They are also a key's earlier versions: who set each and when, offered for Roll back while
 * `listed`. Pruning (the workspace keeps its last N) only takes a version off that list — its
 * value stays here and stays masked.
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
  /** Who set that value and when (null: before Keyflow recorded it). */
  setBy: string | null;
  setAt: string | null;
  hint: string | null;
}

/** An earlier version as the history lists it: never its value. */
export interface EarlierVersion {
  environmentId: string;
  version: number;
  setBy: string | null;
  setAt: string | null;
  hint: string | null;
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

  /** Keeps a value (again listed for Roll back, should it have been retired before: a restored key's). */
  retire({ secretId, environmentId, version, name, value, setBy, setAt, hint }: RetiredValue): void {
    this.prepare(
      `INSERT INTO retired_values (workspace_id, secret_id, environment_id, version, name, retired_at, sealed_value, set_by, set_at, hint, listed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (workspace_id, secret_id, environment_id, version) DO UPDATE SET listed = 1`,
    ).run(
      this.workspaceId,
      secretId,
      environmentId,
      version,
      name,
      this.now().toISOString(),
      this.vault.seal(this.context(secretId, environmentId, version), value),
      setBy,
      setAt,
      hint,
    );
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

  /** A key's earlier versions still offered for Roll back, newest first in each environment. */
  listed(secretId: string): EarlierVersion[] {
    return this.prepare<[string, string], { environment_id: string; version: number; set_by: string | null; set_at: string | null; hint: string | null }>(
      'SELECT environment_id, version, set_by, set_at, hint FROM retired_values WHERE workspace_id = ? AND secret_id = ? AND listed = 1 ORDER BY environment_id, version DESC',
    )
      .all(this.workspaceId, secretId)
      .map((row) => ({ environmentId: row.environment_id, version: row.version, setBy: row.set_by, setAt: row.set_at, hint: row.hint }));
  }

  /** The value of a listed earlier version (main process only), or null when it is not kept for Roll back. */
  open(secretId: string, environmentId: string, version: number): string | null {
    const row = this.prepare<[string, string, string, number], { sealed_value: Buffer }>(
      'SELECT sealed_value FROM retired_values WHERE workspace_id = ? AND secret_id = ? AND environment_id = ? AND version = ? AND listed = 1',
    ).get(this.workspaceId, secretId, environmentId, version);
    return row ? this.vault.open(this.context(secretId, environmentId, version), row.sealed_value) : null;
  }

  /** The highest version a key ever had in an environment here (versions never repeat). */
  latestVersion(secretId: string, environmentId: string): number {
    return (
      this.prepare<[string, string, string], { version: number | null }>(
        'SELECT MAX(version) AS version FROM retired_values WHERE workspace_id = ? AND secret_id = ? AND environment_id = ?',
      ).get(this.workspaceId, secretId, environmentId)?.version ?? 0
    );
  }

  /** Takes a version off the Roll back list (it is current again, or pruned); it stays masked. */
  unlist(secretId: string, environmentId: string, version: number): void {
    this.prepare('UPDATE retired_values SET listed = 0 WHERE workspace_id = ? AND secret_id = ? AND environment_id = ? AND version = ?').run(
      this.workspaceId,
      secretId,
      environmentId,
      version,
    );
  }

  /** Keeps the newest `keep` listed versions of each key and environment (of one key, when named) on the Roll back list. */
  prune(keep: number, secretId?: string): void {
    this.prepare(
      `UPDATE retired_values SET listed = 0 WHERE workspace_id = @workspace AND listed = 1 AND (@secret IS NULL OR secret_id = @secret)
         AND (secret_id, environment_id, version) IN (
           SELECT secret_id, environment_id, version FROM (
             SELECT secret_id, environment_id, version, ROW_NUMBER() OVER (PARTITION BY secret_id, environment_id ORDER BY version DESC) AS n
               FROM retired_values WHERE workspace_id = @workspace AND listed = 1 AND (@secret IS NULL OR secret_id = @secret))
           WHERE n > @keep)`,
    ).run({ workspace: this.workspaceId, secret: secretId ?? null, keep });
  }

  /** A purged key's versions leave the Roll back list for good; their values stay masked. */
  unlistKey(secretId: string): void {
    this.prepare('UPDATE retired_values SET listed = 0 WHERE workspace_id = ? AND secret_id = ?').run(this.workspaceId, secretId);
  }

  forget(): void {
    this.prepare('DELETE FROM retired_values WHERE workspace_id = ?').run(this.workspaceId);
  }
}
