import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Fragment } from 'react';
import { useAfterMenuClose } from '../../hooks/use-after-menu-close';
import { EllipsisIcon } from './icons';

export interface RowAction<A extends string> {
  action: A;
  label: string;
  /** Destructive: set apart after a separator, in the danger colour. */
  danger?: boolean;
  /** Runs as it is chosen, focus going back to the menu's button (it opens no dialog). */
  inPlace?: boolean;
}

interface Props<A extends string> {
  /** The button's id, so focus can return to it after a dialog. */
  id: string;
  /** What the row is called: the button is "Actions for <name>". */
  name: string;
  actions: readonly RowAction<A>[];
  onAction(action: A): void;
}

/**
 * The ellipsis menu of a table row. Non-modal: a modal Radix menu locks scrolling by
 * injecting a <style> element, which the app's CSP refuses. Actions open their dialogs
 * after the menu has closed.
 */
export function RowActionsMenu<A extends string>({ id, name, actions, onAction }: Props<A>) {
  const after = useAfterMenuClose();
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger id={id} className="icon-button" aria-label={`Actions for ${name}`}>
        <EllipsisIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4} collisionPadding={8} onCloseAutoFocus={after.onCloseAutoFocus}>
          {actions.map(({ action, label, danger = false, inPlace = false }) => (
            <Fragment key={action}>
              {danger && <DropdownMenu.Separator className="menu-separator" />}
              <DropdownMenu.Item className={danger ? 'menu-item menu-item-danger' : 'menu-item'} onSelect={() => (inPlace ? onAction(action) : after.then(() => onAction(action)))}>
                {label}
              </DropdownMenu.Item>
            </Fragment>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
