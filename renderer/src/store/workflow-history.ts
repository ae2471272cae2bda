/**
 * Undo/redo history of a value (the builder's draft): past states, the present one and
 * the undone ones. Edits that carry the same `key` within `windowMs` of each other
 * (typing in one field) coalesce into one entry, so Undo takes back a word, not a letter.
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The coalescing key of the last recorded edit, and when it happened. */
  lastKey: string | null;
  lastAt: number;
}

export const HISTORY_LIMIT = 200;
export const COALESCE_WINDOW_MS = 1000;

export function initHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

export interface RecordOptions {
  /** Edits with the same key close together replace each other instead of stacking. */
  key?: string;
  at?: number;
  windowMs?: number;
  limit?: number;
}

/** `next` as the present, the former present pushed on the past (unless coalesced); the future is dropped. */
export function record<T>(history: History<T>, next: T, options: RecordOptions = {}): History<T> {
  if (Object.is(next, history.present)) return history;
  const at = options.at ?? Date.now();
  const key = options.key ?? null;
  const windowMs = options.windowMs ?? COALESCE_WINDOW_MS;
  const coalesce = key !== null && key === history.lastKey && at - history.lastAt < windowMs && history.future.length === 0;
  if (coalesce) return { past: history.past, present: next, future: [], lastKey: key, lastAt: at };
  const limit = options.limit ?? HISTORY_LIMIT;
  const past = [...history.past, history.present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [], lastKey: key, lastAt: at };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  const previous = history.past[history.past.length - 1] as T;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], lastKey: null, lastAt: 0 };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [next, ...rest] = history.future as [T, ...T[]];
  return { past: [...history.past, history.present], present: next, future: rest, lastKey: null, lastAt: 0 };
}
