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

/** What changes nothing: all a Viewer is offered. */
const READ_ACTIONS: ReadonlySet<WorkflowAction> = new Set(['open', 'export']);

/** The row menu's actions: everything for whoever may edit workflows, Open and Export for Viewers. */
export function workflowActionsFor(canEdit: boolean): readonly RowAction<WorkflowAction>[] {
  return canEdit ? ACTIONS : ACTIONS.filter((item) => READ_ACTIONS.has(item.action));
}

interface Props {
  workflow: WorkflowSummary;
  canEdit: boolean;
  onAction(action: WorkflowAction, workflow: WorkflowSummary): void;
}

/** The ellipsis menu of one workflow's row. */
export function WorkflowRowMenu({ workflow, canEdit, onAction }: Props) {
  return <RowActionsMenu id={workflowActionsButtonId(workflow.id)} name={workflow.name} actions={workflowActionsFor(canEdit)} onAction={(action) => onAction(action, workflow)} />;
}
