import { useId, type ReactElement, type ReactNode } from 'react';
import { WarningIcon } from './icons';

/** What a Field hands its control so the label, hint, warning and error are tied to it. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  /**
   * Something to know about the value that doesn't stop the form (null: nothing now).
   * Given at all, the field keeps a polite live region, so a warning is announced as it appears.
   */
  warning?: string | null;
  /** The problem to show, if any. */
  error?: string | null;
  /** Announce the error as it appears (for main's refusals; live validation stays quiet). */
  alert?: boolean;
  children: (control: FieldControlProps) => ReactElement;
}

/** A labelled form control with an optional hint, warning and error message, wired up for assistive technology. */
export function Field({ label, hint, warning, error, alert = false, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const warningId = `${id}-warning`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, warning ? warningId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy || undefined, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {warning !== undefined && (
        <div role="status">
          {warning && (
            <p className="field-warning" id={warningId}>
              <WarningIcon />
              <span>{warning}</span>
            </p>
          )}
        </div>
      )}
      {error && (
        <p className="field-error" id={errorId} role={alert ? 'alert' : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}
