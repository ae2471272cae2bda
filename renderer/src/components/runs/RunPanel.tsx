import { useEffect, useRef } from 'react';
import type { Run } from '../../../../shared/model/run';
import { useRuns } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { isActive } from '../../store/run-store';
import { formatDuration, formatTime, STATUS_LABELS } from './run-format';
import { RunStatusBadge } from './RunStatusBadge';
import { StepResultView } from './StepResultView';

function runDuration(run: Run): string {
  if (!run.finishedAt) return '';
  return formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
}

/** Says when the shown run ends, once. */
function useFinishAnnouncement(run: Run | null) {
  const announce = useAnnouncer((state) => state.announce);
  const seen = useRef<{ id: string; active: boolean } | null>(null);
  useEffect(() => {
    if (!run) return;
    const before = seen.current;
    const active = isActive(run.status);
    seen.current = { id: run.id, active };
    if (before && before.id === run.id && before.active && !active) {
      const failed = run.steps.find((step) => step.status === 'failed');
      announce(
        run.status === 'ok'
          ? `Run finished: ${run.steps.length === 1 ? 'the step' : `all ${run.steps.length} steps`} OK`
          : run.status === 'failed'
            ? `Run failed${failed ? ` at “${failed.stepName}”` : ''}`
            : `Run ${STATUS_LABELS[run.status].toLowerCase()}`,
      );
    }
  }, [run, announce]);
}

/** The run panel: the shown run, live, and the workflow's run history. */
export function RunPanel({ workflowId }: { workflowId: string }) {
  const current = useRuns((state) => (state.current && state.current.workflowId === workflowId ? state.current : null));
  const currentError = useRuns((state) => state.currentError);
  const startError = useRuns((state) => state.startError);
  const history = useRuns((state) => state.history);
  const historyState = useRuns((state) => state.historyState);
  const historyError = useRuns((state) => state.historyError);
  const cancelling = useRuns((state) => state.cancelling);
  const cancel = useRuns((state) => state.cancel);
  const open = useRuns((state) => state.open);
  useFinishAnnouncement(current);

  const active = current ? isActive(current.status) : false;

  return (
    <section className="run-panel" aria-label="Run">
      <div className="run-main">
        <div className="run-header">
          <h2 className="section-title">Run</h2>
          {current && (
            <>
              <RunStatusBadge status={current.status} />
              <span className="note">
                Started <time dateTime={current.startedAt}>{formatTime(current.startedAt)}</time>
                {current.finishedAt ? ` · took ${runDuration(current)}` : ''}
              </span>
            </>
          )}
          {active && (
            <button type="button" className="button button-secondary run-cancel" onClick={() => void cancel()} disabled={cancelling} aria-busy={cancelling}>
              Cancel run
            </button>
          )}
        </div>
        {startError && (
          <p className="form-error" role="alert">
            The run could not start: {startError}
          </p>
        )}
        {currentError && (
          <p className="form-error" role="alert">
            {currentError}
          </p>
        )}
        {current ? (
          current.steps.length > 0 ? (
            <ol className="run-steps" aria-label="Step results">
              {current.steps.map((result, index) => (
                <StepResultView key={result.stepId} result={result} index={index} open={result.status === 'failed'} />
              ))}
            </ol>
          ) : (
            <p className="note">This run had no steps.</p>
          )
        ) : (
          <p className="note">Press Run to try this workflow: each step&apos;s request, response, logs and output show here, with secret values masked.</p>
        )}
      </div>
      <div className="run-history">
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
                <button
                  type="button"
                  className="run-history-item"
                  aria-current={current?.id === run.id ? 'true' : undefined}
                  onClick={() => void open(run.id)}
                >
                  <RunStatusBadge status={run.status} />
                  <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
