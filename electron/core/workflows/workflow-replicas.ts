/**
 * The workflows of a team workspace as its sync writes them, each projected from the
 * version of its record that counts, with the reference index that follows them.
 */
import type { WorkflowDefinition } from '../../../shared/model/workflow';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';
import { indexReferences } from './reference-index';

export interface WorkflowReplica {
  name: string;
  definition: WorkflowDefinition;
  createdAt: string;
  updatedAt: string;
}

export class WorkflowReplicas {
  private readonly prepare: Prepare;

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
  ) {
    this.prepare = statementCache(db);
  }

  replicaOf(id: string): WorkflowReplica | null {
    const row = this.prepare<[string, string], { name: string; definition: string; created_at: string; updated_at: string }>(
      'SELECT name, definition, created_at, updated_at FROM workflows WHERE workspace_id = ? AND id = ?',
    ).get(this.workspaceId, id);
    return row ? { name: row.name, definition: JSON.parse(row.definition) as WorkflowDefinition, createdAt: row.created_at, updatedAt: row.updated_at } : null;
  }

  sources(): Map<string, string | null> {
    return new Map(
      this.prepare<[string], { id: string; replica_of: string | null }>('SELECT id, replica_of FROM workflows WHERE workspace_id = ?')
        .all(this.workspaceId)
        .map((row) => [row.id, row.replica_of]),
    );
  }

  put(id: string, replica: WorkflowReplica, source: string): void {
    this.prepare(
      `INSERT INTO workflows (id, workspace_id, name, definition, created_at, updated_at, replica_of) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, id) DO UPDATE SET name = excluded.name, definition = excluded.definition, created_at = excluded.created_at,
           updated_at = excluded.updated_at, replica_of = excluded.replica_of`,
    ).run(id, this.workspaceId, replica.name, JSON.stringify(replica.definition), replica.createdAt, replica.updatedAt, source);
    indexReferences(this.prepare, this.workspaceId, id, replica.definition);
  }

  remove(id: string): void {
    this.prepare('DELETE FROM workflows WHERE workspace_id = ? AND id = ?').run(this.workspaceId, id);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
