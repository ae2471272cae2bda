import { useNavigation, useRuns } from '../../store';
import { routeHash } from '../../store/routes';
import { formatTime, runFacts } from './run-format';
import { RunStatusBadge } from './RunStatusBadge';

/** A workflow's runs, newest first; each is a link to its address. */
export function RunHistory({ workflowId, shownId }: { workflowId: string; shownId: string | null }) {
  const history = useRuns((state) => state.history);
  const historyState = useRuns((state) => state.historyState);
  const historyError = useRuns((state) => state.historyError);
  const openWorkflow = useNavigation((state) => state.openWorkflow);
  return (
    <section className="run-history" aria-labelledby="run-history-heading">
      <h3 id="run-history-heading" className="run-history-title">
        Run history
      </h3>
      {historyState === 'failed' && <p className="note note-error">{historyError}</p>}
      {historyState === 'loading' && history.length === 0 && <p className="note">Loading runs…</p>}
      {historyState === 'ready' && history.length === 0 && <p className="note">No runs yet.</p>}
      {history.length > 0 && (
        <ul className="run-history-list">
          {history.map((run) => (
            <li key={run.id}>
              <a
                href={routeHash({ view: 'workflows', workflowId, runId: run.id })}
                className="run-history-item"
                aria-current={shownId === run.id ? 'true' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  openWorkflow(workflowId, run.id);
                }}
              >
                <span className="run-history-line">
                  <RunStatusBadge status={run.status} />
                  <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
                </span>
                <span className="run-history-facts">{runFacts(run)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
