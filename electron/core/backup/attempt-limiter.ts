/**
 * Wrong backup passphrases are rate-limited with a back-off kept in the database, so
 * restarting Keyflow (or the command line) doesn't reset it: the first 3 failures are free,
 * then each waits twice as long as the one before (2 s, 4 s, 8 s… at most 15 minutes).
 * A right passphrase resets it. scrypt already costs ~0.3 s per guess; this bounds a
 * guesser that keeps going to a handful of guesses an hour.
 */
import { BridgeError } from '../../../shared/bridge/errors';
import type { MetaTable } from '../db/meta';

const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 15 * 60 * 1000;

interface AttemptState {
  failures: number;
  /** When the next attempt is allowed (ms since the epoch). */
  until: number;
}

export function backOffMs(failures: number): number {
  return failures <= FREE_ATTEMPTS ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS));
}

export class AttemptLimiter {
  constructor(
    private readonly meta: MetaTable,
    private readonly key: string,
    private readonly now: () => Date,
  ) {}

  private state(): AttemptState {
    const stored = this.meta.get(this.key);
    return stored ? (JSON.parse(stored) as AttemptState) : { failures: 0, until: 0 };
  }

  /** Throws when the next attempt must wait. */
  check(): void {
    const wait = this.state().until - this.now().getTime();
    if (wait > 0) {
      throw new BridgeError('forbidden', `Too many wrong backup passphrases: try again in ${Math.ceil(wait / 1000)} seconds.`, 'passphrase');
    }
  }

  failed(): void {
    const failures = this.state().failures + 1;
    this.meta.set(this.key, JSON.stringify({ failures, until: this.now().getTime() + backOffMs(failures) } satisfies AttemptState));
  }

  succeeded(): void {
    this.meta.delete(this.key);
  }
}
