import { useState } from 'react';
import type { Submission } from './use-submission';

export interface TextField {
  value: string;
  /** What is wrong with the value now, whether or not it is shown yet. */
  problem: string | null;
  /** What to show under the field: main's refusal, or the live problem once the user has been there. */
  error: string | null;
  /** The error shown is main's refusal (announce it: the user didn't just type it). */
  refused: boolean;
  change(value: string): void;
  blur(): void;
  clear(): void;
}

/**
 * A form field's text with live validation. `name` is the bridge argument it is sent as,
 * so main's refusal of that argument shows under this field.
 */
export function useTextField(submission: Submission, name: string, initial: string, problemOf: (value: string) => string | null = () => null): TextField {
  const [value, setValue] = useState(initial);
  const [visited, setVisited] = useState(false);
  const problem = problemOf(value);
  const refusal = submission.errorFor(name);
  return {
    value,
    problem,
    error: refusal ?? (visited || submission.attempted ? problem : null),
    refused: refusal !== null,
    change(next) {
      setValue(next);
      setVisited(true);
      if (refusal) submission.clearError();
    },
    // Leaving a field untouched shows nothing yet: a click on Cancel must not first grow an error that moves the button away.
    blur: () => {
      if (value !== initial) setVisited(true);
    },
    clear: () => setValue(''),
  };
}
