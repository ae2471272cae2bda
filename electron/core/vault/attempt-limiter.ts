/**
 * Wrong recovery keys make the next attempt wait, longer each time, and the count is kept
 * in the database so quitting Keyflow doesn't reset it. A key that fails its own checksum
 * (a typo) costs nothing: it is refused before this is asked.
 */
import { BridgeError } from '../../../shared/bridge/errors';
import type { MetaTable } from '../db/meta';

/** Wrong keys allowed without waiting: a kit of another vault tried, then this one. */
export const FREE_ATTEMPTS = 2;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/** How long a new attempt waits after `failures` wrong keys in a row: 0, 0, 30 s, 1 min, 2 min, … at most 1 h. */
export function waitAfter(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS - 1), LONGEST_WAIT_MS);
}

interface Attempts {
  failures: number;
  /** Epoch milliseconds. */
  retryAt: number;
}

/** A wait as people say it: "30 seconds", "2 minutes". */
export function durationPhrase(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export class AttemptLimiter {
  constructor(
    private readonly meta: MetaTable,
    private readonly entry: string,
    private readonly now: () => number,
  ) {}

  private get attempts(): Attempts {
    const stored = this.meta.get(this.entry);
    return stored ? (JSON.parse(stored) as Attempts) : { failures: 0, retryAt: 0 };
  }

  /** When the next attempt is allowed, while it has to wait; null when it may be made now. */
  retryAt(): Date | null {
    const { retryAt } = this.attempts;
    return retryAt > this.now() ? new Date(retryAt) : null;
  }

  /** Throws `rate_limited`, saying how long to wait, while an attempt has to wait. */
  refuseWhileWaiting(field: string): void {
    const wait = this.attempts.retryAt - this.now();
    if (wait > 0) {
      throw new BridgeError('rate_limited', `Too many wrong recovery keys: try again in ${durationPhrase(wait)}. Nothing was changed.`, field);
    }
  }

  /** Counts a wrong key; returns how long the next attempt has to wait (ms, 0 for none). */
  failed(): number {
    const failures = this.attempts.failures + 1;
    const wait = waitAfter(failures);
    this.meta.set(this.entry, JSON.stringify({ failures, retryAt: this.now() + wait } satisfies Attempts));
    return wait;
  }

  succeeded(): void {
    if (this.meta.get(this.entry)) this.meta.set(this.entry, JSON.stringify({ failures: 0, retryAt: 0 } satisfies Attempts));
  }
}
