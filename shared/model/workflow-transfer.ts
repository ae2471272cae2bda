import type { Workflow, WorkflowDefinition } from './workflow';

/** A workflow as exported to a file: references carry the secret's id and name, never its value. */
export interface WorkflowExport {
  format: 'keyflow.workflow';
  version: 1;
  name: string;
  definition: WorkflowDefinition;
  secrets: { id: string; name: string }[];
  /** The environments of the workspace it came from, by name, in order (exports from before environments have none). */
  environments?: string[];
  /** The variables it uses, with their texts by environment name (plain, not secret). */
  variables?: { id: string; name: string; values: Record<string, string> }[];
}

/** A reference of an imported workflow that matches no key here; `suggestion` is a key with the same name. */
export interface UnresolvedReference {
  id: string;
  name: string;
  suggestion: string | null;
}

export type ImportResult =
  | {
      status: 'imported';
      workflow: Workflow;
      /** Variables the import created, and environments it couldn't give a text in (they don't exist here and the importer may not add them). */
      createdVariables?: string[];
      skippedEnvironments?: string[];
    }
  | { status: 'needs-mapping'; unresolved: UnresolvedReference[] };
