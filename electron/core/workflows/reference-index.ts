/**
 * The reference index: one row per (secret, workflow, step, field) a workflow's templates
 * name. "Used by", the delete warning and "needs reconfiguration" read it. It is
 * deliberately not a foreign key to secrets: a reference to a deleted key must survive so
 * the workflow can show it as broken.
 */
import { templatesOf, type WorkflowDefinition } from '../../../shared/model/workflow';
import { secretIdsIn } from '../../../shared/model/template';
import type { Prepare } from '../db/statements';

export function indexReferences(prepare: Prepare, workspaceId: string, workflowId: string, definition: WorkflowDefinition): void {
  prepare('DELETE FROM secret_references WHERE workspace_id = ? AND workflow_id = ?').run(workspaceId, workflowId);
  const insert = prepare('INSERT OR IGNORE INTO secret_references (workspace_id, secret_id, workflow_id, step_id, field) VALUES (?, ?, ?, ?, ?)');
  for (const step of definition.steps) {
    for (const { field, template } of templatesOf(step)) {
      for (const secretId of secretIdsIn(template)) insert.run(workspaceId, secretId, workflowId, step.id, field);
    }
  }
}
