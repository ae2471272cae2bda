/** One place a secret is referenced: a field of a step of a workflow. */
export interface SecretReference {
  workflowId: string;
  workflowName: string;
  stepId: string;
  stepName: string;
  field: string;
}
