import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useRef } from 'react';
import type { WorkflowSummary } from '../../../../shared/model/workflow';
import { EllipsisIcon } from '../common/icons';

export type WorkflowAction = 'open' | 'rename' | 'duplicate' | 'export' | 'delete';

export const workflowActionsButtonId = (id: string) => `workflow-actions-${id}`;

/** The ellipsis menu of one workflow. Non-modal (see SecretActionsMenu); dialogs open after it closes. */
export function WorkflowRowMenu({ workflow, onAction }: { workflow: WorkflowSummary; onAction(action: WorkflowAction, workflow: WorkflowSummary): void }) {
  const chosen = useRef<WorkflowAction | null>(null);
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger id={workflowActionsButtonId(workflow.id)} className="icon-button" aria-label={`Actions for ${workflow.name}`}>
        <EllipsisIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="menu"
          align="end"
          sideOffset={4}
          collisionPadding={8}
          onCloseAutoFocus={(event) => {
            const action = chosen.current;
            chosen.current = null;
            if (action && action !== 'export') {
              event.preventDefault();
              onAction(action, workflow);
            }
          }}
        >
          <DropdownMenu.Item className="menu-item" onSelect={() => (chosen.current = 'open')}>
            Open
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => (chosen.current = 'rename')}>
            Rename
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => (chosen.current = 'duplicate')}>
            Duplicate
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => onAction('export', workflow)}>
            Export
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item className="menu-item menu-item-danger" onSelect={() => (chosen.current = 'delete')}>
            Delete
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
