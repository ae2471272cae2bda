import { useEffect, useState } from 'react';
import { useNow } from '../../hooks/use-now';
import { useKeyHistory, useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { RelativeTime } from './RelativeTime';

/** Recently deleted keys (personal workspace): restorable under their id for 30 days, then purged. */
export function RecentlyDeleted() {
  const now = useNow();
  const deleted = useKeyHistory((state) => state.deleted);
  const loadDeleted = useKeyHistory((state) => state.loadDeleted);
  const count = useSecrets((state) => state.items.length);
  const restore = useSecrets((state) => state.restore);
  const announce = useAnnouncer((state) => state.announce);
  const [refusal, setRefusal] = useState<string | null>(null);

  // A delete or a restore changes the list of keys: this one follows.
  useEffect(() => {
    void loadDeleted();
  }, [loadDeleted, count]);

  if (deleted.length === 0) return null;
  return (
    <section className="recently-deleted" aria-labelledby="recently-deleted-heading">
      <h2 id="recently-deleted-heading" className="section-title">
        Recently deleted
      </h2>
      <p className="note">Restored keys keep their values, versions and id: the workflows that use them work again. Each is purged 30 days after it was deleted.</p>
      {refusal && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      <ul className="history-list">
        {deleted.map((key) => (
          <li key={key.id} className="history-item">
            <span className="history-version">{key.name}</span>
            <span className="cell-muted">
              {' '}
              deleted by {key.deletedBy} <RelativeTime iso={key.deletedAt} now={now} />, purged <RelativeTime iso={key.purgeAt} now={now} />
            </span>
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={`Restore ${key.name}`}
              onClick={() => {
                setRefusal(null);
                restore(key.id).then(
                  (restored) => announce(`Secret key “${restored.name}” restored`),
                  (failure: Error) => setRefusal(failure.message),
                );
              }}
            >
              Restore
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
