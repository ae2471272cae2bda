import * as Dialog from '@radix-ui/react-dialog';
import { useRef, type ReactNode } from 'react';
import type { DialogProps } from './FormDialog';
import { CloseIcon } from './icons';
import { returnFocus } from './return-focus';

interface DialogFrameProps extends DialogProps {
  title: string;
  description: ReactNode;
  /** Room for tables and lists (members, grants). */
  wide?: boolean;
  /** A click outside doesn't close it (what it shows can't be shown again). */
  keepOnOutsideClick?: boolean;
  children: ReactNode;
}

/**
 * A modal dialog, open while rendered: focus-trapped, starting in the first field (or,
 * with none, on the first control), closed by Escape, the close button or (unless
 * `keepOnOutsideClick`) a click outside.
 *
 * Radix's Dialog.Overlay is not used: it locks scrolling by injecting a <style> element,
 * which the app's CSP (style-src 'self') refuses. The plain overlay below looks the same,
 * and the stylesheet locks scrolling while it is in the page.
 */
export function DialogFrame({ title, description, onClose, returnFocusTo, wide = false, keepOnOutsideClick = false, children }: DialogFrameProps) {
  const contentRef = useRef<HTMLDivElement>(null);
  return (
    <Dialog.Root open onOpenChange={(open) => open || onClose()}>
      <Dialog.Portal>
        <div className="dialog-overlay" />
        <Dialog.Content
          ref={contentRef}
          className={wide ? 'dialog dialog-wide' : 'dialog'}
          onOpenAutoFocus={(event) => {
            // Start in the first field (selected, so a prefilled name can be typed over), or on the first choice made, not on the close button.
            const content = contentRef.current;
            const field = content?.querySelector<HTMLInputElement | HTMLTextAreaElement>(
              'input:not([type="radio"]):not([type="checkbox"]):not([readonly]), textarea:not([readonly])',
            );
            const choice = content?.querySelector<HTMLInputElement>('input[type="radio"]:checked');
            if (field) {
              event.preventDefault();
              field.focus();
              field.select();
            } else if (choice) {
              event.preventDefault();
              choice.focus();
            }
          }}
          onCloseAutoFocus={returnFocus(returnFocusTo)}
          onInteractOutside={keepOnOutsideClick ? (event) => event.preventDefault() : undefined}
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

/** A button that closes the dialog it is in (Cancel, Close, Done). */
export function DialogClose({ children = 'Cancel', variant = 'secondary' }: { children?: ReactNode; variant?: 'primary' | 'secondary' }) {
  return (
    <Dialog.Close type="button" className={`button button-${variant}`}>
      {children}
    </Dialog.Close>
  );
}
