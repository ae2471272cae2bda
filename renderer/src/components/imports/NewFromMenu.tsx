import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { forwardRef } from 'react';
import { IMPORT_FORMATS, IMPORT_FORMAT_LABELS, type ImportFormat } from '../../../../shared/model/imports';
import { useAfterMenuClose } from '../../hooks/use-after-menu-close';

/** "New workflow from…": a cURL command, a Postman collection, an OpenAPI description, a .env file. Non-modal (see RowActionsMenu). */
export const NewFromMenu = forwardRef<HTMLButtonElement, { onChoose(format: ImportFormat): void }>(function NewFromMenu({ onChoose }, ref) {
  const after = useAfterMenuClose();
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger ref={ref} className="button button-secondary">
        New workflow from…
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4} collisionPadding={8} onCloseAutoFocus={after.onCloseAutoFocus}>
          {IMPORT_FORMATS.map((format) => (
            <DropdownMenu.Item key={format} className="menu-item" onSelect={() => after.then(() => onChoose(format))}>
              {IMPORT_FORMAT_LABELS[format]}…
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
});
