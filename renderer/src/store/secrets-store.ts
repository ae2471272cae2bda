import { create } from 'zustand';
import type { BridgeApi } from '../../../shared/bridge/contract';
import type { NewSecret, SecretMeta } from '../../../shared/model/secret';
import type { SecretAccess } from '../../../shared/model/team';
import type { SourceReference } from '../../../shared/model/source';
import { asBridgeError } from '../bridge/failure';
import { filterSecrets, PERSONAL_SCOPE, tabIn, type SecretScope, type SecretTab } from './filter-secrets';
import { removeSecret, upsertSecret } from './secret-list';
import { latestOnly } from './latest-load';

export type LoadState = 'idle' | 'loading' | 'ready' | 'failed';

export type { NewSecret };

/** Secret metadata only: values pass through the actions' arguments to main and are never kept. */
export interface SecretsState {
  items: readonly SecretMeta[];
  /** Ids of keys that exist but are restricted from this person (workflows may still use them). */
  restricted: ReadonlySet<string>;
  /** `items` filtered by `query` and `tab`. */
  visible: readonly SecretMeta[];
  loadState: LoadState;
  loadError: string | null;
  query: string;
  tab: SecretTab;
  /** The active workspace's kind and my standing in it: which tabs exist and what they list. */
  scope: SecretScope;

  load(): Promise<void>;
  /** Another workspace became active: its keys replace these (nothing of the previous one stays on screen). */
  clear(): void;
  /**
   * Lists again without showing a load (the window came back: another window or the
   * command line may have changed keys). Only once loaded; a failure keeps the list.
   */
  refresh(): Promise<void>;
  setQuery(query: string): void;
  setTab(tab: SecretTab): void;
  setScope(scope: SecretScope): void;
  /** The mutations reject with a BridgeError when main refuses. */
  create(input: NewSecret): Promise<SecretMeta>;
  rename(id: string, name: string): Promise<SecretMeta>;
  /** A new value in one environment (the first when none is named). */
  updateValue(id: string, value: string, environmentId?: string): Promise<SecretMeta>;
  /** Links a key's value in one environment to an external source. */
  link(id: string, source: SourceReference, environmentId: string): Promise<SecretMeta>;
  /** Removes a key's value (or link) in one environment. */
  clearValue(id: string, environmentId: string): Promise<SecretMeta>;
  setAllowedDomains(id: string, allowedDomains: string[]): Promise<SecretMeta>;
  setReadableByRunCode(id: string, readable: boolean): Promise<SecretMeta>;
  setAccess(id: string, access: SecretAccess): Promise<SecretMeta>;
  /** Makes an earlier version current again, as a new version. */
  rollback(id: string, environmentId: string, version: number): Promise<SecretMeta>;
  /** Rotation reminders: an expiry date and/or an interval in days (null: none). */
  setRotation(id: string, expiresAt: string | null, rotationDays: number | null): Promise<SecretMeta>;
  remove(id: string): Promise<void>;
  /** Puts a recently deleted key back under its id. */
  restore(id: string): Promise<SecretMeta>;
  /** Shows only the keys due soon or overdue (the filter "Due soon / Overdue"). */
  dueOnly: boolean;
  setDueOnly(dueOnly: boolean): void;
}

type SecretsBridge = Pick<
  BridgeApi,
  | 'secrets.list'
  | 'secrets.restrictedIds'
  | 'secrets.create'
  | 'secrets.rename'
  | 'secrets.updateValue'
  | 'secrets.link'
  | 'secrets.clearValue'
  | 'secrets.setAllowedDomains'
  | 'secrets.setReadableByRunCode'
  | 'secrets.setAccess'
  | 'secrets.delete'
  | 'secrets.rollback'
  | 'secrets.setRotation'
  | 'secrets.restore'
>;

export function createSecretsStore(api: SecretsBridge) {
  return create<SecretsState>()((set, get) => {
    const loads = latestOnly();
    // Changes applied so far: a refresh asked for before one may not show it.
    let changes = 0;
    let refreshing: Promise<void> | null = null;

    const shown = (items: readonly SecretMeta[], query = get().query, tab = get().tab, scope = get().scope, dueOnly = get().dueOnly) =>
      filterSecrets(items, query, tab, scope, dueOnly ? new Date() : null);
    const withItems = (items: readonly SecretMeta[]) => ({ items, visible: shown(items) });

    async function mutate<T>(call: () => Promise<T>, apply: (result: T) => readonly SecretMeta[]): Promise<T> {
      let result: T;
      try {
        result = await call();
      } catch (error) {
        throw asBridgeError(error);
      }
      changes++;
      set(withItems(apply(result)));
      return result;
    }

    return {
      items: [],
      restricted: new Set(),
      visible: [],
      loadState: 'idle',
      loadError: null,
      query: '',
      tab: 'all',
      scope: PERSONAL_SCOPE,
      dueOnly: false,

      async load() {
        const load = loads.take();
        set({ loadState: 'loading', loadError: null });
        try {
          const [items, restricted] = await Promise.all([api['secrets.list']({}), api['secrets.restrictedIds']({})]);
          if (loads.isLatest(load)) set({ ...withItems(items), restricted: new Set(restricted), loadState: 'ready' });
        } catch (error) {
          if (loads.isLatest(load)) set({ loadState: 'failed', loadError: asBridgeError(error).message });
        }
      },

      clear() {
        loads.invalidate();
        changes++;
        set({ items: [], restricted: new Set(), visible: [], loadState: 'idle', loadError: null });
      },

      refresh() {
        if (get().loadState !== 'ready') return Promise.resolve();
        // Focus and visibility often change together: one call serves both.
        refreshing ??= (async () => {
          const load = loads.take();
          const changesBefore = changes;
          try {
            const [items, restricted] = await Promise.all([api['secrets.list']({}), api['secrets.restrictedIds']({})]);
            if (loads.isLatest(load) && changesBefore === changes) set({ ...withItems(items), restricted: new Set(restricted) });
          } catch {
            // Keep what is shown; the next return to the window tries again.
          } finally {
            refreshing = null;
          }
        })();
        return refreshing;
      },

      setQuery(query) {
        set({ query, visible: shown(get().items, query) });
      },

      setTab(tab) {
        const offered = tabIn(get().scope, tab);
        set({ tab: offered, visible: shown(get().items, get().query, offered) });
      },

      setScope(scope) {
        const current = get().scope;
        if (current.kind === scope.kind && current.admin === scope.admin) return;
        const tab = tabIn(scope, get().tab);
        set({ scope, tab, visible: shown(get().items, get().query, tab, scope) });
      },

      setDueOnly(dueOnly) {
        set({ dueOnly, visible: shown(get().items, get().query, get().tab, get().scope, dueOnly) });
      },

      create: (input) =>
        mutate(
          () => api['secrets.create'](input),
          (meta) => upsertSecret(get().items, meta),
        ),
      rename: (id, name) =>
        mutate(
          () => api['secrets.rename']({ id, name }),
          (meta) => upsertSecret(get().items, meta),
        ),
      updateValue: (id, value, environmentId) =>
        mutate(
          () => api['secrets.updateValue']({ id, value, environmentId }),
          (meta) => upsertSecret(get().items, meta),
        ),
      link: (id, source, environmentId) =>
        mutate(
          () => api['secrets.link']({ id, source, environmentId }),
          (meta) => upsertSecret(get().items, meta),
        ),
      clearValue: (id, environmentId) =>
        mutate(
          () => api['secrets.clearValue']({ id, environmentId }),
          (meta) => upsertSecret(get().items, meta),
        ),
      setAllowedDomains: (id, allowedDomains) =>
        mutate(
          () => api['secrets.setAllowedDomains']({ id, allowedDomains }),
          (meta) => upsertSecret(get().items, meta),
        ),
      setReadableByRunCode: (id, readable) =>
        mutate(
          () => api['secrets.setReadableByRunCode']({ id, readable }),
          (meta) => upsertSecret(get().items, meta),
        ),
      setAccess: (id, access) =>
        mutate(
          () => api['secrets.setAccess']({ id, access }),
          (meta) => upsertSecret(get().items, meta),
        ),
      rollback: (id, environmentId, version) =>
        mutate(
          () => api['secrets.rollback']({ id, environmentId, version }),
          (meta) => upsertSecret(get().items, meta),
        ),
      setRotation: (id, expiresAt, rotationDays) =>
        mutate(
          () => api['secrets.setRotation']({ id, expiresAt, rotationDays }),
          (meta) => upsertSecret(get().items, meta),
        ),
      restore: (id) =>
        mutate(
          () => api['secrets.restore']({ id }),
          (meta) => upsertSecret(get().items, meta),
        ),
      remove: async (id) => {
        await mutate(
          () => api['secrets.delete']({ id }),
          ({ id: deleted }) => removeSecret(get().items, deleted),
        );
      },
    };
  });
}
