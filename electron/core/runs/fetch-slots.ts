import { StepError } from './run-error';

/** Fetches of one Run Code step in flight at once, as browsers allow per host; the rest wait their turn. */
export const MAX_CONCURRENT_FETCHES = 6;
/** Fetches that may wait for a slot; past that, fetch fails at once rather than piling up. */
export const MAX_WAITING_FETCHES = 200;

/** Runs a step's fetches at most MAX_CONCURRENT_FETCHES at a time, in the order they were asked for. */
export class FetchSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  async run<T>(signal: AbortSignal, send: () => Promise<T>): Promise<T> {
    if (this.running < MAX_CONCURRENT_FETCHES) this.running++;
    else {
      if (this.waiting.length >= MAX_WAITING_FETCHES) {
        throw new StepError(
          `fetch: ${MAX_CONCURRENT_FETCHES} requests are in flight and ${MAX_WAITING_FETCHES} more are waiting, the most one step may have. Wait for some to finish (await them) before starting more.`,
        );
      }
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal.removeEventListener('abort', stop);
          resolve();
        };
        const stop = () => {
          this.waiting.splice(this.waiting.indexOf(go), 1);
          reject(new StepError('The run was cancelled.'));
        };
        this.waiting.push(go);
        signal.addEventListener('abort', stop, { once: true });
      });
    }
    try {
      return await send();
    } finally {
      // Hand the slot straight to the next in line, so nothing can slip in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
