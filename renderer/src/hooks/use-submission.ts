import { useState, type FormEvent } from 'react';
import type { BridgeError } from '../../../shared/bridge/errors';
import { asBridgeError } from '../bridge/failure';

export interface Submission {
  pending: boolean;
  /** A submit was tried: every field shows its problem from now on. */
  attempted: boolean;
  /** Main's refusal of the last submit, if any. */
  error: BridgeError | null;
  /** Main's message about one of the form's fields. */
  errorFor(field: string): string | null;
  /** Main's message when it is about none of `fields`. */
  formError(fields: readonly string[]): string | null;
  /** Forget main's refusal (the user changed what it was about). */
  clearError(): void;
  /** Shows main's refusal of a call the form made outside its submit (a second action). */
  fail(error: unknown): void;
  /** The form's onSubmit: sends only when `valid`, otherwise moves focus to the first invalid field. */
  submit(event: FormEvent<HTMLFormElement>, valid: boolean, send: () => Promise<void>): void;
}

function focusFirstInvalid(form: HTMLFormElement): void {
  // After React has rendered the field errors the submit attempt revealed.
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/** Pending state, main's errors and "show every problem now" for a form that makes one bridge call. */
export function useSubmission(): Submission {
  const [pending, setPending] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);

  return {
    pending,
    attempted,
    error,
    errorFor: (field) => (error?.field === field ? error.message : null),
    formError: (fields) => (error && !(error.field && fields.includes(error.field)) ? error.message : null),
    clearError: () => setError(null),
    fail: (failure) => setError(asBridgeError(failure)),
    submit(event, valid, send) {
      event.preventDefault();
      const form = event.currentTarget;
      setAttempted(true);
      if (pending) return;
      if (!valid) {
        focusFirstInvalid(form);
        return;
      }
      setPending(true);
      setError(null);
      send()
        .catch((failure: unknown) => {
          setError(asBridgeError(failure));
          focusFirstInvalid(form);
        })
        .finally(() => setPending(false));
    },
  };
}
