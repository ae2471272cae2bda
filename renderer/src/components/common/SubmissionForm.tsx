import type { ReactNode } from 'react';
import type { Submission } from '../../hooks/use-submission';
import { FormError } from './FormError';

interface SubmissionFormProps {
  submission: Submission;
  /** Whether the fields can be sent as they are; if not, a submit shows every problem and focuses the first. */
  canSubmit: boolean;
  /** The one bridge call; a rejection shows under its field, or above the actions. */
  onSubmit(): Promise<void>;
  /** The bridge arguments the form has a field for (main's refusal of any other shows above the actions). */
  fields: readonly string[];
  /** The buttons, after main's refusal. */
  actions: ReactNode;
  className?: string;
  children?: ReactNode;
}

/** A form that makes one bridge call: its fields, main's refusal about none of them, then its buttons. */
export function SubmissionForm({ submission, canSubmit, onSubmit, fields, actions, className = 'form', children }: SubmissionFormProps) {
  return (
    <form className={className} noValidate onSubmit={(event) => submission.submit(event, canSubmit, onSubmit)}>
      {children}
      <FormError message={submission.formError(fields)} />
      {actions}
    </form>
  );
}

/** The submit button: busy (and deaf to more clicks) while the call is pending, its name unchanged. */
export function SubmitButton({ submission, variant = 'primary', children }: { submission: Submission; variant?: 'primary' | 'secondary'; children: ReactNode }) {
  return (
    <button type="submit" className={`button button-${variant}`} disabled={submission.pending} aria-busy={submission.pending}>
      {children}
    </button>
  );
}
