import * as Dialog from '@radix-ui/react-dialog';
import { useRef, type ReactNode } from 'react';
import { CloseIcon } from './icons';
import { returnFocus } from './return-focus';

interface FormDialogProps {
  title: string;
  description: ReactNode;
  onClose(): void;
  /** Where focus goes when the dialog closes (the control that opened it may be gone). */
  returnFocusTo(): HTMLElement | null;
  children: ReactNode;
}

/**
 * A modal dialog with a form, open while rendered: focus-trapped, starting in the first
 * field, closed by Escape, the close button or a click outside.
 *
 * Radix's Dialog.Overlay is not used: it locks scrolling by injecting a <style> element,
 * which the app's CSP (style-src 'self') refuses. The plain overlay below looks the same,
 * and the stylesheet locks scrolling while it is in the page.
 */
export function FormDialog({ title, description, onClose, returnFocusTo, children }: FormDialogProps) {
  const contentRef = useRef<HTMLDivElement>(null);
  return (
    <Dialog.Root open onOpenChange={(open) => open || onClose()}>
      <Dialog.Portal>
        <div className="dialog-overlay" />
        <Dialog.Content
          ref={contentRef}
          className="dialog"
          onOpenAutoFocus={(event) => {
            // Start in the first field (selected, so a prefilled name can be typed over), not on the close button.
            const field = contentRef.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
            if (!field) return;
            event.preventDefault();
            field.focus();
            field.select();
          }}
          onCloseAutoFocus={returnFocus(returnFocusTo)}
        >
          <div className="dialog-header">
            <Dialog.Title className="dialog-title">{title}</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close">
              <CloseIcon />
            </Dialog.Close>
          </div>
          <Dialog.Description className="dialog-description">{description}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The dialog's Cancel button. */
export function CancelButton() {
  return (
    <Dialog.Close type="button" className="button button-secondary">
      Cancel
    </Dialog.Close>
  );
}
