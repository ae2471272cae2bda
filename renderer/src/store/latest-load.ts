import { asBridgeError } from '../bridge/failure';
import type { LoadState } from './secrets-store';

interface Loadable {
  loadState: LoadState;
  loadError: string | null;
}

/**
 * Loads of which only the newest may land: the answer to a load asked for before a newer
 * one, or before `invalidate` (the store was cleared or changed meanwhile), is dropped.
 * The loading state shows only while nothing has loaded yet.
 */
export function latestLoader(set: (partial: Partial<Loadable>) => void, get: () => Loadable) {
  let latest = 0;
  return {
    invalidate(): void {
      latest++;
    },
    async load<T>(fetch: () => Promise<T>, apply: (result: T) => void): Promise<void> {
      const load = ++latest;
      if (get().loadState !== 'ready') set({ loadState: 'loading', loadError: null });
      try {
        const result = await fetch();
        if (load === latest) apply(result);
      } catch (error) {
        if (load === latest) set({ loadState: 'failed', loadError: asBridgeError(error).message });
      }
    },
  };
}
