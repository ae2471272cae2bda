/**
 * Workflows of one workspace in SQLite, and the reference index that follows them:
 * every save rewrites the (secret, workflow, step, field) rows the workflow holds.
 */
import { secretNameProblem } from '../../../shared/model/secret';
import { workflowDefinitionSchema, type Workflow, type WorkflowDefinition, type WorkflowSummary, type RunStatus } from '../../../shared/model/workflow';
import type { SecretReference } from '../../../shared/model/references';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import { statementCache, type Prepare } from '../db/statements';
import { newId } from '../ids';
import { indexReferences } from './reference-index';

interface WorkflowRow {
  id: string;
  name: string;
  definition: string;
  created_at: string;
  updated_at: string;
}

const EMPTY: WorkflowDefinition = { trigger: { kind: 'manual' }, steps: [] };

export class WorkflowStore {
  private readonly prepare: Prepare;

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
    private readonly options: {
      now?: () => Date;
      /** Checked before every change (Viewers may only look). */
      requireEdit?: () => void;
      /** Told after every change (a team workspace signs it into the shared file). */
      onChanged?: (id: string) => void;
    } = {},
  ) {
    this.prepare = statementCache(db);
    this.now = options.now ?? (() => new Date());
  }

  private readonly now: () => Date;

  list(): WorkflowSummary[] {
    const rows = this.prepare<[string], WorkflowRow & { broken: number; run_status: RunStatus | null; run_at: string | null }>(
      `SELECT w.*,
           (SELECT COUNT(*) FROM secret_references r LEFT JOIN secrets s ON s.workspace_id = r.workspace_id AND s.id = r.secret_id
             WHERE r.workspace_id = w.workspace_id AND r.workflow_id = w.id AND s.id IS NULL) AS broken,
           (SELECT status FROM runs WHERE workspace_id = w.workspace_id AND workflow_id = w.id ORDER BY started_at DESC LIMIT 1) AS run_status,
           (SELECT started_at FROM runs WHERE workspace_id = w.workspace_id AND workflow_id = w.id ORDER BY started_at DESC LIMIT 1) AS run_at
         FROM workflows w WHERE w.workspace_id = ? ORDER BY lower(w.name), w.created_at`,
    ).all(this.workspaceId);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      stepCount: (JSON.parse(row.definition) as WorkflowDefinition).steps.length,
      updatedAt: row.updated_at,
      brokenReferences: row.broken,
      lastRun: row.run_status && row.run_at ? { status: row.run_status, at: row.run_at } : null,
    }));
  }

  get(id: string): Workflow {
    const row = this.prepare<[string, string], WorkflowRow>('SELECT * FROM workflows WHERE workspace_id = ? AND id = ?').get(this.workspaceId, id);
    if (!row) throw new BridgeError('not_found', 'That workflow no longer exists.', 'id');
    const definition = JSON.parse(row.definition) as WorkflowDefinition;
    return { id: row.id, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at, ...definition };
  }

  /** Finds a workflow by id, or by its exact name when that name is unique (the command-line runner). */
  find(idOrName: string): Workflow {
    const byId = this.prepare<[string, string], { id: string }>('SELECT id FROM workflows WHERE workspace_id = ? AND id = ?').get(this.workspaceId, idOrName);
    if (byId) return this.get(byId.id);
    const byName = this.prepare<[string, string], { id: string }>('SELECT id FROM workflows WHERE workspace_id = ? AND lower(name) = lower(?)').all(
      this.workspaceId,
      idOrName.trim(),
    );
    if (byName.length === 1) return this.get(byName[0]!.id);
    if (byName.length > 1) {
      throw new BridgeError('conflict', `${byName.length} workflows are named "${idOrName}"; use an id: ${byName.map((r) => r.id).join(', ')}.`);
    }
    throw new BridgeError('not_found', `No workflow is named or has the id "${idOrName}".`);
  }

  create(name: string, definition: WorkflowDefinition = EMPTY): Workflow {
    this.options.requireEdit?.();
    const id = newId('wf');
    const at = this.now().toISOString();
    this.db.transaction(() => {
      this.prepare('INSERT INTO workflows (id, workspace_id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        id,
        this.workspaceId,
        checkName(name),
        JSON.stringify(parseDefinition(definition)),
        at,
        at,
      );
      this.indexReferences(id, definition);
    })();
    this.options.onChanged?.(id);
    return this.get(id);
  }

  save(id: string, name: string, definition: WorkflowDefinition): Workflow {
    this.options.requireEdit?.();
    const parsed = parseDefinition(definition);
    const stepIds = parsed.steps.map((step) => step.id);
    if (new Set(stepIds).size !== stepIds.length) throw new BridgeError('invalid_request', 'Two steps share an id.', 'definition.steps');
    this.db.transaction(() => {
      this.get(id);
      this.prepare('UPDATE workflows SET name = ?, definition = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
        checkName(name),
        JSON.stringify(parsed),
        this.now().toISOString(),
        this.workspaceId,
        id,
      );
      this.indexReferences(id, parsed);
    })();
    this.options.onChanged?.(id);
    return this.get(id);
  }

  duplicate(id: string): Workflow {
    const original = this.get(id);
    const name = `${original.name} (copy)`.slice(0, 100);
    return this.create(name, { trigger: original.trigger, steps: original.steps });
  }

  delete(id: string): void {
    this.options.requireEdit?.();
    const { changes } = this.prepare('DELETE FROM workflows WHERE workspace_id = ? AND id = ?').run(this.workspaceId, id);
    if (changes === 0) throw new BridgeError('not_found', 'That workflow no longer exists.', 'id');
    this.options.onChanged?.(id);
  }

  /**
   * Writes the WAL into the database and empties it, so text a save replaced (zeroed in the
   * database by secure_delete) is gone from the disk too — after a literal credential was converted.
   */
  forgetReplacedText(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Where a secret is used: each workflow step field that references it. */
  usage(secretId: string): SecretReference[] {
    const rows = this.prepare<[string, string], { workflow_id: string; workflow_name: string; definition: string; step_id: string; field: string }>(
      `SELECT r.workflow_id, w.name AS workflow_name, w.definition, r.step_id, r.field
         FROM secret_references r JOIN workflows w ON w.workspace_id = r.workspace_id AND w.id = r.workflow_id
         WHERE r.workspace_id = ? AND r.secret_id = ? ORDER BY lower(w.name), w.id, r.field`,
    ).all(this.workspaceId, secretId);
    // In each workflow, list the steps in their order in the flow.
    const located = rows.map((row) => {
      const steps = (JSON.parse(row.definition) as WorkflowDefinition).steps;
      const index = steps.findIndex((step) => step.id === row.step_id);
      const reference: SecretReference = {
        workflowId: row.workflow_id,
        workflowName: row.workflow_name,
        stepId: row.step_id,
        stepName: steps[index]?.name ?? row.step_id,
        field: row.field,
      };
      return { reference, index };
    });
    return located.sort((a, b) => (a.reference.workflowId === b.reference.workflowId ? a.index - b.index : 0)).map(({ reference }) => reference);
  }

  private indexReferences(workflowId: string, definition: WorkflowDefinition): void {
    indexReferences(this.prepare, this.workspaceId, workflowId, definition);
  }
}

function checkName(raw: string): string {
  const problem = secretNameProblem(raw);
  if (problem) throw new BridgeError('invalid_request', problem, 'name');
  return raw.trim();
}

function parseDefinition(definition: unknown): WorkflowDefinition {
  const parsed = workflowDefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    throw new BridgeError('invalid_request', `The workflow is not valid at ${path || 'its root'}: ${issue.message}.`, path ? `definition.${path}` : 'definition');
  }
  return parsed.data;
}
