import type { Workflow, WorkflowDefinition } from './workflow';

/** A workflow as exported to a file: references carry the secret's id and name, never its value. */
export interface WorkflowExport {
  format: 'keyflow.workflow';
  version: 1;
  name: string;
  definition: WorkflowDefinition;
  secrets: { id: string; name: string }[];
}

/** A reference of an imported workflow that matches no key here; `suggestion` is a key with the same name. */
export interface UnresolvedReference {
  id: string;
  name: string;
  suggestion: string | null;
}

export type ImportResult = { status: 'imported'; workflow: Workflow } | { status: 'needs-mapping'; unresolved: UnresolvedReference[] };
