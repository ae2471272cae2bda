import { asBridgeError } from '../bridge/failure';
import type { LoadState } from './secrets-store';

interface Loadable {
  loadState: LoadState;
  loadError: string | null;
}

/** Tickets of which only the newest counts: take one before asking, and let the answer land only if it is still the latest. */
export function latestOnly() {
  let latest = 0;
  return {
    take: (): number => ++latest,
    isLatest: (ticket: number): boolean => ticket === latest,
    /** Answers to what was asked before now no longer land (the store was cleared or changed). */
    invalidate: (): void => {
      latest++;
    },
  };
}

/**
 * Loads of which only the newest may land: the answer to a load asked for before a newer
 * one, or before `invalidate` (the store was cleared or changed meanwhile), is dropped.
 * The loading state shows only while nothing has loaded yet.
 */
export function latestLoader(set: (partial: Partial<Loadable>) => void, get: () => Loadable) {
  const tickets = latestOnly();
  return {
    invalidate: tickets.invalidate,
    async load<T>(fetch: () => Promise<T>, apply: (result: T) => void): Promise<void> {
      const load = tickets.take();
      if (get().loadState !== 'ready') set({ loadState: 'loading', loadError: null });
      try {
        const result = await fetch();
        if (tickets.isLatest(load)) apply(result);
      } catch (error) {
        if (tickets.isLatest(load)) set({ loadState: 'failed', loadError: asBridgeError(error).message });
      }
    },
  };
}
