import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import { returnFocus } from '../common/return-focus';

interface Props {
  workflowName: string;
  /** Resolves to whether the save worked. */
  onSave(): Promise<boolean>;
  onDiscard(): void;
  onClose(): void;
  returnFocusTo(): HTMLElement | null;
}

/** Leaving a builder with unsaved edits: save them, drop them, or stay. */
export function LeaveBuilderDialog({ workflowName, onSave, onDiscard, onClose, returnFocusTo }: Props) {
  const [pending, setPending] = useState(false);
  return (
    <AlertDialog.Root open onOpenChange={(open) => open || onClose()}>
      <AlertDialog.Portal>
        <div className="dialog-overlay" />
        <AlertDialog.Content className="dialog dialog-narrow" onCloseAutoFocus={returnFocus(returnFocusTo)}>
          <AlertDialog.Title className="dialog-title">Save changes to &quot;{workflowName}&quot;?</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">This workflow has changes that are not saved yet.</AlertDialog.Description>
          <div className="dialog-actions">
            <AlertDialog.Cancel className="button button-secondary">Keep editing</AlertDialog.Cancel>
            <button type="button" className="button button-secondary" onClick={onDiscard}>
              Discard changes
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={pending}
              aria-busy={pending}
              onClick={() => {
                setPending(true);
                void onSave().then((saved) => (saved ? undefined : (setPending(false), onClose())));
              }}
            >
              Save and leave
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
