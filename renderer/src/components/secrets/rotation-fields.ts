import { rotationProblem } from '../../../../shared/model/rotation';
import type { SecretMeta } from '../../../../shared/model/secret';
import type { Submission } from '../../hooks/use-submission';
import { useTextField, type TextField } from '../../hooks/use-text-field';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An expiry date as typed (YYYY-MM-DD, or empty for none) → the instant it starts (UTC), or null. */
export function expiryOf(text: string): string | null {
  return text.trim() === '' ? null : `${text.trim()}T00:00:00.000Z`;
}

/** A rotation interval as typed (whole days, or empty for none). */
export function rotationDaysOf(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}

export function expiryProblem(text: string): string | null {
  if (text.trim() === '') return null;
  if (!DATE.test(text.trim()) || Number.isNaN(Date.parse(text.trim()))) return 'Type a date as YYYY-MM-DD, or leave it empty.';
  return rotationProblem(expiryOf(text), null);
}

export function rotationDaysProblem(text: string): string | null {
  if (text.trim() !== '' && !/^\d+$/.test(text.trim())) return 'Type a whole number of days, or leave it empty.';
  return rotationProblem(null, rotationDaysOf(text));
}

/** The two fields of a rotation reminder, prefilled with a key's (none for a new key). */
export function useRotationFields(submission: Submission, secret?: SecretMeta): { expires: TextField; days: TextField } {
  return {
    expires: useTextField(submission, 'expiresAt', secret?.expiresAt?.slice(0, 10) ?? '', expiryProblem),
    days: useTextField(submission, 'rotationDays', secret?.rotationDays?.toString() ?? '', rotationDaysProblem),
  };
}

export const EXPIRY_HINT = 'Optional. YYYY-MM-DD: the key shows as due a week before, and overdue from that day.';
export const ROTATION_HINT = 'Optional. Days after a value is set that it is due for a new one.';
