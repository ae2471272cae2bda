import type { TeamDetails } from '../../../../shared/model/team';
import { countOf } from '../../format/count';
import { useNow } from '../../hooks/use-now';
import { useTeam } from '../../store';
import { RelativeTime } from '../secrets/RelativeTime';
import { RemovedNotice } from './RemovedNotice';

/** Where the workspace file stands: synced when, or the problem; the changes from the file that were refused; Sync now. */
export function SyncStatusLine({ details }: { details: TeamDetails }) {
  const syncing = useTeam((state) => state.syncing);
  const syncError = useTeam((state) => state.syncError);
  const sync = useTeam((state) => state.sync);
  const now = useNow();
  const status = details.sync;
  const failed = status?.state === 'failed';
  if (status?.state === 'removed' && status.removedBy) return <RemovedNotice removedBy={status.removedBy} workspace={details.workspace} />;

  return (
    <div className={`card sync-status${failed ? ' sync-status-failed' : ''}`} aria-label="Sync" role="group">
      <div className="sync-status-line">
        <p className="sync-status-text" data-testid="sync-status">
          {syncing ? (
            'Syncing…'
          ) : !status ? (
            'Not synced yet'
          ) : failed ? (
            <>
              Sync failed
              {status.at && (
                <>
                  {' '}
                  (last synced <RelativeTime iso={status.at} now={now} />)
                </>
              )}
            </>
          ) : status.at ? (
            <>
              Synced <RelativeTime iso={status.at} now={now} />
            </>
          ) : (
            'Synced'
          )}
        </p>
        <button type="button" className="button button-secondary button-small" disabled={syncing} aria-busy={syncing} onClick={() => void sync()}>
          Sync now
        </button>
      </div>
      {details.workspace.filePath && (
        <p className="note">
          Workspace file: <span className="mono">{details.workspace.filePath}</span>
        </p>
      )}
      {status?.problem && <p className="form-error">{status.problem}</p>}
      {syncError && (
        <p className="form-error" role="alert">
          Sync failed: {syncError}
        </p>
      )}
      {status && status.rejected.length > 0 && (
        <details className="sync-rejected">
          <summary>{countOf(status.rejected.length, 'change')} from the file refused and not applied</summary>
          <ul>
            {status.rejected.map((change, index) => (
              <li key={index}>{change}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
