import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { PlusIcon } from './icons';

/** The code's "+": inserts `input.<name>` for a variable, or `input.steps` (earlier steps' outputs), at the caret. */
export function CodeInsertMenu({ variables, onInsert }: { variables: readonly string[]; onInsert(text: string): void }) {
  const named = variables.filter((name) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name));
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="icon-button insert-button" aria-label="Insert into Code">
        <PlusIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        {/* Focus goes into the editor at the inserted text, not back to this button. */}
        <DropdownMenu.Content className="menu" align="end" sideOffset={4} collisionPadding={8} onCloseAutoFocus={(event) => event.preventDefault()}>
          <DropdownMenu.Label className="menu-label">Insert a variable</DropdownMenu.Label>
          {named.map((name) => (
            <DropdownMenu.Item key={name} className="menu-item mono" onSelect={() => onInsert(`input.${name}`)}>
              input.{name}
            </DropdownMenu.Item>
          ))}
          {named.length === 0 && (
            <DropdownMenu.Item className="menu-item menu-item-empty" disabled>
              No variables yet: add one under Variables
            </DropdownMenu.Item>
          )}
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item className="menu-item mono" onSelect={() => onInsert('input.steps')}>
            input.steps
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
