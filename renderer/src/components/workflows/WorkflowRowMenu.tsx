import type { WorkflowSummary } from '../../../../shared/model/workflow';
import { RowActionsMenu, type RowAction } from '../common/RowActionsMenu';

export type WorkflowAction = 'open' | 'rename' | 'duplicate' | 'export' | 'delete';

export const workflowActionsButtonId = (id: string) => `workflow-actions-${id}`;

const ACTIONS: readonly RowAction<WorkflowAction>[] = [
  { action: 'open', label: 'Open' },
  { action: 'rename', label: 'Rename' },
  { action: 'duplicate', label: 'Duplicate' },
  { action: 'export', label: 'Export', inPlace: true },
  { action: 'delete', label: 'Delete', danger: true },
];

/** The ellipsis menu of one workflow's row. */
export function WorkflowRowMenu({ workflow, onAction }: { workflow: WorkflowSummary; onAction(action: WorkflowAction, workflow: WorkflowSummary): void }) {
  return (
    <RowActionsMenu id={workflowActionsButtonId(workflow.id)} name={workflow.name} actions={ACTIONS} onAction={(action) => onAction(action, workflow)} />
  );
}
