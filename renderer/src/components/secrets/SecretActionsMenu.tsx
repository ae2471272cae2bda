import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { SecretMeta } from '../../../../shared/model/secret';
import { EllipsisIcon } from '../common/icons';
import { actionsButtonId, type OnSecretAction } from './secret-actions';

/**
 * The ellipsis menu of one row. Non-modal: a modal Radix menu locks scrolling by
 * injecting a <style> element, which the app's CSP refuses.
 */
export function SecretActionsMenu({ secret, onAction }: { secret: SecretMeta; onAction: OnSecretAction }) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger id={actionsButtonId(secret.id)} className="icon-button" aria-label={`Actions for ${secret.name}`}>
        <EllipsisIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4} collisionPadding={8}>
          <DropdownMenu.Item className="menu-item" onSelect={() => onAction('rename', secret)}>
            Rename
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => onAction('edit-value', secret)}>
            Edit value
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => onAction('allowed-domains', secret)}>
            Allowed domains
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => onAction('used-by', secret)}>
            Used by
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item className="menu-item menu-item-danger" onSelect={() => onAction('delete', secret)}>
            Delete
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
