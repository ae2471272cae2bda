/**
 * The secrets of a team workspace as its sync writes them: each row projected from the
 * version of its record that counts and from what the chain says of the key (creator,
 * access, visibility). No rights are checked here — main-process sync only.
 */
import { secretNameKey, type SecretType } from '../../../shared/model/secret';
import type { SecretAccess, Visibility } from '../../../shared/model/team';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';

/** A secret as replicated between members: metadata and the sealed (wrapped) value. */
export interface SecretReplica {
  name: string;
  description: string;
  type: SecretType;
  allowedDomains: string[];
  readableByRunCode: boolean;
  access: SecretAccess;
  visibility: Visibility;
  hint: string | null;
  valueVersion: number;
  createdById: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  sealedValue: Buffer;
}

interface ReplicaRow {
  name: string;
  description: string;
  type: SecretType;
  allowed_domains: string;
  readable_by_code: 0 | 1;
  access: string;
  visibility: Visibility;
  hint: string | null;
  value_version: number;
  created_by_id: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  sealed_value: Buffer;
}

const REPLICA_COLUMNS = `name, description, type, allowed_domains, readable_by_code, access, visibility, hint, value_version, created_by_id,
  created_by, created_at, updated_by, updated_at, sealed_value`;

function fromRow(row: ReplicaRow): SecretReplica {
  return {
    name: row.name,
    description: row.description,
    type: row.type,
    allowedDomains: JSON.parse(row.allowed_domains) as string[],
    readableByRunCode: row.readable_by_code === 1,
    access: JSON.parse(row.access) as SecretAccess,
    visibility: row.visibility,
    hint: row.hint,
    valueVersion: row.value_version,
    createdById: row.created_by_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    sealedValue: row.sealed_value,
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
    return row ? fromRow(row) : null;
  }

  /** What each row was projected from (null: changed here since). */
  sources(): Map<string, string | null> {
    return new Map(
      this.prepare<[string], { id: string; replica_of: string | null }>('SELECT id, replica_of FROM secrets WHERE workspace_id = ?')
        .all(this.workspaceId)
        .map((row) => [row.id, row.replica_of]),
    );
  }

  valueVersions(): Map<string, number> {
    return new Map(
      this.prepare<[string], { id: string; value_version: number }>('SELECT id, value_version FROM secrets WHERE workspace_id = ?')
        .all(this.workspaceId)
        .map((row) => [row.id, row.value_version]),
    );
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
      `INSERT INTO secrets (id, workspace_id, name, name_key, description, type, allowed_domains, readable_by_code, value_version, sealed_value,
         created_by, created_at, updated_by, updated_at, access, visibility, hint, created_by_id, replica_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, description = excluded.description,
         type = excluded.type, allowed_domains = excluded.allowed_domains, readable_by_code = excluded.readable_by_code, value_version = excluded.value_version,
         sealed_value = excluded.sealed_value, created_by = excluded.created_by, created_at = excluded.created_at, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at, access = excluded.access, visibility = excluded.visibility, hint = excluded.hint,
         created_by_id = excluded.created_by_id, replica_of = excluded.replica_of`,
    ).run(
      id, this.workspaceId, replica.name, secretNameKey(replica.name), replica.description, replica.type, JSON.stringify(replica.allowedDomains), replica.readableByRunCode ? 1 : 0, replica.valueVersion,
      replica.sealedValue, replica.createdBy, replica.createdAt, replica.updatedBy, replica.updatedAt, JSON.stringify(replica.access),
      replica.visibility, replica.hint, replica.createdById, source,
    );
  }

  /** Gives these rows placeholder names: a projection may swap two names, which one write at a time can't. */
  park(ids: Iterable<string>): void {
    const park = this.prepare("UPDATE secrets SET name_key = char(0) || id WHERE workspace_id = ? AND id = ?");
    for (const id of ids) park.run(this.workspaceId, id);
  }

  remove(id: string): void {
    this.prepare('DELETE FROM secrets WHERE workspace_id = ? AND id = ?').run(this.workspaceId, id);
  }

  removeAll(): void {
    this.prepare('DELETE FROM secrets WHERE workspace_id = ?').run(this.workspaceId);
  }
}
