/**
 * The secrets of a team workspace as its sync writes them: each row projected from the
 * version of its record that counts and from what the chain says of the key (creator,
 * access, visibility). No rights are checked here — main-process sync only.
 */
import { secretNameKey, type SecretType } from '../../../shared/model/secret';
import type { SourceReference } from '../../../shared/model/source';
import type { SecretAccess, Visibility } from '../../../shared/model/team';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';

/** A key's value in one environment as replicated: sealed (wrapped) or linked, with its version and hint. */
export type ReplicaValue = { valueVersion: number; hint: string | null } & ({ sealedValue: Buffer; source: null } | { sealedValue: null; source: SourceReference });

/** A secret as replicated between members: metadata and its values, by environment. */
export interface SecretReplica {
  name: string;
  description: string;
  type: SecretType;
  allowedDomains: string[];
  readableByRunCode: boolean;
  expiresAt: string | null;
  rotationDays: number | null;
  access: SecretAccess;
  visibility: Visibility;
  values: Record<string, ReplicaValue>;
  createdById: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

interface ReplicaRow {
  name: string;
  description: string;
  type: SecretType;
  allowed_domains: string;
  readable_by_code: 0 | 1;
  expires_at: string | null;
  rotation_days: number | null;
  access: string;
  visibility: Visibility;
  created_by_id: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

interface ValueRow {
  environment_id: string;
  value_version: number;
  sealed_value: Buffer | null;
  source: string | null;
  hint: string | null;
}

const REPLICA_COLUMNS = `name, description, type, allowed_domains, readable_by_code, expires_at, rotation_days, access, visibility, created_by_id, created_by, created_at, updated_by, updated_at`;

function fromRow(row: ReplicaRow, values: ValueRow[]): SecretReplica {
  return {
    name: row.name,
    description: row.description,
    type: row.type,
    allowedDomains: JSON.parse(row.allowed_domains) as string[],
    readableByRunCode: row.readable_by_code === 1,
    expiresAt: row.expires_at,
    rotationDays: row.rotation_days,
    access: JSON.parse(row.access) as SecretAccess,
    visibility: row.visibility,
    values: Object.fromEntries(
      values.map((value) => [
        value.environment_id,
        value.sealed_value
          ? { valueVersion: value.value_version, hint: value.hint, sealedValue: value.sealed_value, source: null }
          : { valueVersion: value.value_version, hint: null, sealedValue: null, source: JSON.parse(value.source!) as SourceReference },
      ]),
    ),
    createdById: row.created_by_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export class SecretReplicas {
  private readonly prepare: Prepare;

  constructor(
    db: Db,
    private readonly workspaceId: string,
  ) {
    this.prepare = statementCache(db);
  }

  replicaOf(id: string): SecretReplica | null {
    const row = this.prepare<[string, string], ReplicaRow>(`SELECT ${REPLICA_COLUMNS} FROM secrets WHERE workspace_id = ? AND id = ?`).get(this.workspaceId, id);
    if (!row) return null;
    const values = this.prepare<[string, string], ValueRow>(
      'SELECT environment_id, value_version, sealed_value, source, hint FROM secret_values WHERE workspace_id = ? AND secret_id = ?',
    ).all(this.workspaceId, id);
    return fromRow(row, values);
  }

  /** What each row was projected from (null: changed here since). */
  sources(): Map<string, string | null> {
    return new Map(
      this.prepare<[string], { id: string; replica_of: string | null }>('SELECT id, replica_of FROM secrets WHERE workspace_id = ?')
        .all(this.workspaceId)
        .map((row) => [row.id, row.replica_of]),
    );
  }

  /** Each key's value version by environment id. */
  valueVersions(): Map<string, Map<string, number>> {
    const versions = new Map<string, Map<string, number>>();
    for (const row of this.prepare<[string], { secret_id: string; environment_id: string; value_version: number }>(
      'SELECT secret_id, environment_id, value_version FROM secret_values WHERE workspace_id = ?',
    ).all(this.workspaceId)) {
      const ofKey = versions.get(row.secret_id) ?? new Map<string, number>();
      ofKey.set(row.environment_id, row.value_version);
      versions.set(row.secret_id, ofKey);
    }
    return versions;
  }

  names(): Map<string, string> {
    return new Map(
      this.prepare<[string], { id: string; name: string }>('SELECT id, name FROM secrets WHERE workspace_id = ?')
        .all(this.workspaceId)
        .map((row) => [row.id, row.name]),
    );
  }

  /** Puts a secret as the workspace's records say, under the name it is shown with here. */
  put(id: string, replica: SecretReplica, source: string): void {
    this.prepare(
      `INSERT INTO secrets (id, workspace_id, name, name_key, description, type, allowed_domains, readable_by_code,
         created_by, created_at, updated_by, updated_at, access, visibility, created_by_id, replica_of, expires_at, rotation_days)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, description = excluded.description,
         type = excluded.type, allowed_domains = excluded.allowed_domains, readable_by_code = excluded.readable_by_code, created_by = excluded.created_by,
         created_at = excluded.created_at, updated_by = excluded.updated_by, updated_at = excluded.updated_at, access = excluded.access,
         visibility = excluded.visibility, created_by_id = excluded.created_by_id, replica_of = excluded.replica_of,
         expires_at = excluded.expires_at, rotation_days = excluded.rotation_days`,
    ).run(
      id,
      this.workspaceId,
      replica.name,
      secretNameKey(replica.name),
      replica.description,
      replica.type,
      JSON.stringify(replica.allowedDomains),
      replica.readableByRunCode ? 1 : 0,
      replica.createdBy,
      replica.createdAt,
      replica.updatedBy,
      replica.updatedAt,
      JSON.stringify(replica.access),
      replica.visibility,
      replica.createdById,
      source,
      replica.expiresAt,
      replica.rotationDays,
    );
    // Who set a value and when is this machine's: kept while the version stays, else the record's last writer.
    const setBefore = new Map(
      this.prepare<[string, string], { environment_id: string; value_version: number; set_by: string | null; set_at: string | null }>(
        'SELECT environment_id, value_version, set_by, set_at FROM secret_values WHERE workspace_id = ? AND secret_id = ?',
      )
        .all(this.workspaceId, id)
        .map((row) => [row.environment_id, row]),
    );
    this.prepare('DELETE FROM secret_values WHERE workspace_id = ? AND secret_id = ?').run(this.workspaceId, id);
    const insert = this.prepare(
      'INSERT INTO secret_values (workspace_id, secret_id, environment_id, value_version, sealed_value, source, hint, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const [environmentId, value] of Object.entries(replica.values)) {
      const before = setBefore.get(environmentId);
      const set = before?.value_version === value.valueVersion ? { by: before.set_by, at: before.set_at } : { by: replica.updatedBy, at: replica.updatedAt };
      insert.run(this.workspaceId, id, environmentId, value.valueVersion, value.sealedValue, value.source && JSON.stringify(value.source), value.hint, set.by, set.at);
    }
  }

  /** Gives these rows placeholder names: a projection may swap two names, which one write at a time can't. */
  park(ids: Iterable<string>): void {
    const park = this.prepare('UPDATE secrets SET name_key = char(0) || id WHERE workspace_id = ? AND id = ?');
    for (const id of ids) park.run(this.workspaceId, id);
  }

  remove(id: string): void {
    this.prepare('DELETE FROM secrets WHERE workspace_id = ? AND id = ?').run(this.workspaceId, id);
  }

  removeAll(): void {
    this.prepare('DELETE FROM secrets WHERE workspace_id = ?').run(this.workspaceId);
  }
}
