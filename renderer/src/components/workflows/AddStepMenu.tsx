import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { forwardRef } from 'react';
import { ACTIONS } from '../../../../shared/model/actions';
import type { ActionId } from '../../../../shared/model/workflow';
import { PlusIcon } from './icons';

const ACTION_IDS = Object.keys(ACTIONS) as ActionId[];

/** "Add step": the catalogue of actions. Non-modal (see SecretActionsMenu). */
export const AddStepMenu = forwardRef<HTMLButtonElement, { onAdd(action: ActionId): void }>(function AddStepMenu({ onAdd }, ref) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger ref={ref} className="button button-secondary add-step-button">
        <PlusIcon />
        Add step
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu menu-actions" align="start" sideOffset={4} collisionPadding={8}>
          {ACTION_IDS.map((id) => (
            <DropdownMenu.Item key={id} className="menu-item menu-item-action" textValue={ACTIONS[id].label} onSelect={() => onAdd(id)}>
              <span className="menu-item-label">{ACTIONS[id].label}</span>
              <span className="menu-item-description" aria-hidden="true">
                {ACTIONS[id].description}
              </span>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
});
