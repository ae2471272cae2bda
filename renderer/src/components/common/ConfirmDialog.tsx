import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState, type ReactNode } from 'react';
import type { BridgeError } from '../../../../shared/bridge/errors';
import { asBridgeError } from '../../bridge/failure';
import type { DialogProps } from './FormDialog';
import { FormError } from './FormError';
import { returnFocus } from './return-focus';

interface AlertFrameProps extends DialogProps {
  title: ReactNode;
  description: ReactNode;
  /** What follows the description: details, then the buttons (the Cancel one is AlertDialogCancel). */
  children: ReactNode;
}

/** A question that needs an answer before going on, open while rendered. (No Radix overlay: see FormDialog.) */
export function AlertFrame({ title, description, onClose, returnFocusTo, children }: AlertFrameProps) {
  return (
    <AlertDialog.Root open onOpenChange={(open) => open || onClose()}>
      <AlertDialog.Portal>
        <div className="dialog-overlay" />
        <AlertDialog.Content className="dialog dialog-narrow" onCloseAutoFocus={returnFocus(returnFocusTo)}>
          <AlertDialog.Title className="dialog-title">{title}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">{description}</AlertDialog.Description>
          {children}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** The button that answers "no": it has focus first. */
export function AlertCancel({ children = 'Cancel' }: { children?: ReactNode }) {
  return <AlertDialog.Cancel className="button button-secondary">{children}</AlertDialog.Cancel>;
}

interface ConfirmDeleteProps extends DialogProps {
  title: ReactNode;
  description: ReactNode;
  /** Deletes; rejects with main's refusal, which the dialog shows (it then stays open). */
  onConfirm(): Promise<void>;
  /** Shown between the description and the buttons. */
  children?: ReactNode;
  /** The confirming button's label (Delete unless told). */
  confirmLabel?: string;
}

/** Confirms a delete: Cancel (focused first) or Delete, which closes the dialog once done. */
export function ConfirmDeleteDialog({ onConfirm, onClose, children, confirmLabel = 'Delete', ...frame }: ConfirmDeleteProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (failure) {
      setError(asBridgeError(failure));
      setPending(false);
    }
  }

  return (
    <AlertFrame {...frame} onClose={onClose}>
      {children}
      <FormError message={error?.message ?? null} />
      <div className="dialog-actions">
        <AlertCancel />
        <button type="button" className="button button-danger" disabled={pending} aria-busy={pending} onClick={() => void confirm()}>
          {confirmLabel}
        </button>
      </div>
    </AlertFrame>
  );
}
