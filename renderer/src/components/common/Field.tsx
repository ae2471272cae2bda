import { useId, type ReactElement, type ReactNode } from 'react';

/** What a Field hands its control so the label, hint and error are tied to it. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  /** The problem to show, if any. */
  error?: string | null;
  /** Announce the error as it appears (for main's refusals; live validation stays quiet). */
  alert?: boolean;
  children: (control: FieldControlProps) => ReactElement;
}

/** A labelled form control with an optional hint and error message, wired up for assistive technology. */
export function Field({ label, hint, error, alert = false, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
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
      {error && (
        <p className="field-error" id={errorId} role={alert ? 'alert' : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}
