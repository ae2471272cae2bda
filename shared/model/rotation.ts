/**
 * Rotation reminders: a key may expire on a date, or be due for rotation a number of days
 * after its value last changed. One rule says when a key is due, for main (runs, the command
 * line) and the renderer (badges, the filter, the run warning).
 */

/** Keys due within this many days are "due soon". */
export const DUE_SOON_DAYS = 7;
export const ROTATION_DAYS_MAX = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the rule reads of a key: its expiry, its interval, and when each stored value last changed. */
export interface RotationInput {
  expiresAt: string | null;
  rotationDays: number | null;
  createdAt: string;
  /** A linked value changes at its source, out of Keyflow's sight: only stored values count for the interval. */
  values: readonly { setAt: string | null; source: unknown }[];
}

export type RotationStatus = 'ok' | 'due-soon' | 'overdue';

export interface RotationState {
  status: RotationStatus;
  /** When the key expires or its oldest stored value is due for rotation, whichever is first. */
  dueAt: string;
  /** What makes it due then. */
  reason: 'expiry' | 'rotation';
}

/** When a key is next due (null: it has neither an expiry nor an interval, or nothing to rotate). */
export function rotationState(key: RotationInput, now: Date, withinDays: number = DUE_SOON_DAYS): RotationState | null {
  const candidates: { at: number; reason: RotationState['reason'] }[] = [];
  if (key.expiresAt) candidates.push({ at: Date.parse(key.expiresAt), reason: 'expiry' });
  if (key.rotationDays !== null) {
    for (const value of key.values) {
      if (value.source) continue;
      candidates.push({ at: Date.parse(value.setAt ?? key.createdAt) + key.rotationDays * DAY_MS, reason: 'rotation' });
    }
  }
  const first = candidates.filter((candidate) => Number.isFinite(candidate.at)).sort((a, b) => a.at - b.at)[0];
  if (!first) return null;
  const status: RotationStatus = first.at <= now.getTime() ? 'overdue' : first.at - now.getTime() <= withinDays * DAY_MS ? 'due-soon' : 'ok';
  return { status, dueAt: new Date(first.at).toISOString(), reason: first.reason };
}

/** "Overdue", "Expires in 3 days", "Rotate in 1 day", "Expires today" — the badge and the command line say it alike. */
export function rotationLabel(state: RotationState, now: Date): string {
  if (state.status === 'overdue') return 'Overdue';
  const days = Math.ceil((Date.parse(state.dueAt) - now.getTime()) / DAY_MS);
  const verb = state.reason === 'expiry' ? 'Expires' : 'Rotate';
  if (days <= 0) return `${verb} today`;
  return `${verb} in ${days} day${days === 1 ? '' : 's'}`;
}

/** The problem with an expiry date or interval as typed, or null. */
export function rotationProblem(expiresAt: string | null | undefined, rotationDays: number | null | undefined): string | null {
  if (expiresAt !== null && expiresAt !== undefined && !Number.isFinite(Date.parse(expiresAt))) return 'The expiry date is not a date.';
  if (rotationDays !== null && rotationDays !== undefined && (!Number.isInteger(rotationDays) || rotationDays < 1 || rotationDays > ROTATION_DAYS_MAX)) {
    return `The rotation interval is a whole number of days from 1 to ${ROTATION_DAYS_MAX}.`;
  }
  return null;
}
