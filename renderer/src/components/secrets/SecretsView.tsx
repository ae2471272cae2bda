import { useDeferredValue, useMemo, useState } from 'react';
import { useSecrets } from '../../store';
import { filterSecrets } from '../../store/filter-secrets';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { SecretsTable } from './SecretsTable';
import type { OnSecretAction } from './secret-actions';
import { TEAM_WORKSPACE_EMPTY } from './tabs';

/**
 * Rows rendered at first, and added per "Show more": a workspace may hold thousands of
 * keys, and rendering them all makes every keystroke and dialog slow. Search finds the rest.
 */
export const ROWS_PER_PAGE = 100;

const count = new Intl.NumberFormat('en');

/** The active tab's content: the table, or why there is nothing to show. */
export function SecretsView({ onAction }: { onAction: OnSecretAction }) {
  const [limit, setLimit] = useState(ROWS_PER_PAGE);
  const loadState = useSecrets((state) => state.loadState);
  const loadError = useSecrets((state) => state.loadError);
  const load = useSecrets((state) => state.load);
  const hasItems = useSecrets((state) => state.items.length > 0);
  const query = useSecrets((state) => state.query);
  const tab = useSecrets((state) => state.tab);
  const scope = useSecrets((state) => state.scope);
  const items = useSecrets((state) => state.items);
  // Whether the tab has keys at all, the search aside: "nothing here" and "nothing matches" say different things.
  const tabHasItems = useMemo(() => tab === 'all' || filterSecrets(items, '', tab, scope).length > 0, [items, tab, scope]);
  // Typing stays responsive with many keys: the table catches up with the search box.
  const visible = useDeferredValue(useSecrets((state) => state.visible));

  if (loadState === 'failed') {
    return <ErrorBanner title="Secret keys could not be loaded" message={loadError ?? ''} onRetry={() => void load()} />;
  }
  if (!hasItems && loadState !== 'ready') {
    return (
      <p className="loading" role="status">
        Loading secret keys…
      </p>
    );
  }
  if (visible.length > 0) {
    const hidden = visible.length - limit;
    return (
      <>
        <SecretsTable secrets={hidden > 0 ? visible.slice(0, limit) : visible} onAction={onAction} />
        {hidden > 0 && (
          <div className="table-more">
            <p>
              Showing {count.format(limit)} of {count.format(visible.length)} secret keys. Search to find one quickly.
            </p>
            <button type="button" className="button button-secondary" onClick={() => setLimit(limit + ROWS_PER_PAGE)}>
              Show {count.format(Math.min(ROWS_PER_PAGE, hidden))} more
            </button>
          </div>
        )}
      </>
    );
  }
  if (tab !== 'all' && !tabHasItems) {
    const { title, text } = TEAM_WORKSPACE_EMPTY[tab];
    return (
      <EmptyState title={title}>
        <p>{text}</p>
      </EmptyState>
    );
  }
  if (!hasItems) {
    return (
      <EmptyState title="No secret keys yet">
        <p>Use Create Secret Key to store an API key, token or password. Its value is encrypted and never shown again.</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No matching secret keys">
      <p>No secret key has “{query.trim()}” in its name or description.</p>
    </EmptyState>
  );
}
