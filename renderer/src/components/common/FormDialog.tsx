import * as Dialog from '@radix-ui/react-dialog';
import { useRef, type ReactNode } from 'react';
import type { Submission } from '../../hooks/use-submission';
import { CloseIcon } from './icons';
import { returnFocus } from './return-focus';
import { SubmissionForm, SubmitButton } from './SubmissionForm';

/** What every dialog is opened with. */
export interface DialogProps {
  onClose(): void;
  /** Where focus goes when the dialog closes (the control that opened it may be gone). */
  returnFocusTo(): HTMLElement | null;
}

interface FormDialogProps extends DialogProps {
  title: string;
  description: ReactNode;
  submission: Submission;
  /** Whether the fields can be sent as they are. */
  canSubmit: boolean;
  /** The one bridge call; the dialog stays open with main's refusal if it rejects. */
  onSubmit(): Promise<void>;
  /** The bridge arguments the form has a field for. */
  fields: readonly string[];
  submitLabel: string;
  /** A button at the start of the actions row (e.g. a way elsewhere). */
  startAction?: ReactNode;
  children: ReactNode;
}

/**
 * A modal dialog holding a form that makes one bridge call, open while rendered:
 * focus-trapped, starting in the first field, closed by Escape, Cancel, the close button
 * or a click outside.
 *
 * Radix's Dialog.Overlay is not used: it locks scrolling by injecting a <style> element,
 * which the app's CSP (style-src 'self') refuses. The plain overlay below looks the same,
 * and the stylesheet locks scrolling while it is in the page.
 */
export function FormDialog({ title, description, onClose, returnFocusTo, submitLabel, startAction, children, ...form }: FormDialogProps) {
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
          <SubmissionForm
            {...form}
            actions={
              <div className="dialog-actions">
                {startAction}
                <Dialog.Close type="button" className="button button-secondary">
                  Cancel
                </Dialog.Close>
                <SubmitButton submission={form.submission}>{submitLabel}</SubmitButton>
              </div>
            }
          >
            {children}
          </SubmissionForm>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
