import { useState } from 'react';
import { AlertCancel, AlertFrame } from '../common/ConfirmDialog';
import type { DialogProps } from '../common/FormDialog';

interface Props extends DialogProps {
  workflowName: string;
  /** Resolves to whether the save worked. */
  onSave(): Promise<boolean>;
  onDiscard(): void;
}

/** Leaving a builder with unsaved edits: save them, drop them, or stay. */
export function LeaveBuilderDialog({ workflowName, onSave, onDiscard, onClose, returnFocusTo }: Props) {
  const [pending, setPending] = useState(false);
  return (
    <AlertFrame
      title={<>Save changes to &quot;{workflowName}&quot;?</>}
      description="This workflow has changes that are not saved yet."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    >
      <div className="dialog-actions">
        <AlertCancel>Keep editing</AlertCancel>
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
    </AlertFrame>
  );
}
