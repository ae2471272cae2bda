import type { ReactNode } from 'react';
import type { Submission } from '../../hooks/use-submission';
import { DialogClose, DialogFrame } from './DialogFrame';
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
  wide?: boolean;
  children: ReactNode;
}

/**
 * A modal dialog (DialogFrame) holding a form that makes one bridge call: Cancel or the
 * submit button, main's refusal shown under its field or above the buttons.
 */
export function FormDialog({ title, description, onClose, returnFocusTo, submitLabel, startAction, wide, children, ...form }: FormDialogProps) {
  return (
    <DialogFrame title={title} description={description} onClose={onClose} returnFocusTo={returnFocusTo} wide={wide}>
      <SubmissionForm
        {...form}
        actions={
          <div className="dialog-actions">
            {startAction}
            <DialogClose />
            <SubmitButton submission={form.submission}>{submitLabel}</SubmitButton>
          </div>
        }
      >
        {children}
      </SubmissionForm>
    </DialogFrame>
  );
}
