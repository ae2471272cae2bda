import { useEffect, useRef } from 'react';
import { summaryOfRun, type Run } from '../../../../shared/model/run';
import { useRuns } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { isActive } from '../../store/run-store';
import { finishAnnouncement, formatTime, runFacts } from './run-format';
import { RunHistory } from './RunHistory';
import { RunStatusBadge } from './RunStatusBadge';
import { StepResultView } from './StepResultView';

/** Says when the shown run ends, once. */
function useFinishAnnouncement(run: Run | null) {
  const announce = useAnnouncer((state) => state.announce);
  const seen = useRef<{ id: string; active: boolean } | null>(null);
  useEffect(() => {
    if (!run) return;
    const before = seen.current;
    const active = isActive(run.status);
    seen.current = { id: run.id, active };
    if (before && before.id === run.id && before.active && !active) announce(finishAnnouncement(run));
  }, [run, announce]);
}

/** The step to open at first: the one that failed, else (a finished run) the last one. */
function stepToOpen(run: Run): number {
  const failed = run.steps.findIndex((step) => step.status === 'failed');
  if (failed >= 0) return failed;
  return isActive(run.status) ? -1 : run.steps.length - 1;
}

/** The run panel: the shown run, live (status, duration and trigger, then each step), and the workflow's run history. */
export function RunPanel({ workflowId }: { workflowId: string }) {
  const current = useRuns((state) => (state.current && state.current.workflowId === workflowId ? state.current : null));
  const currentError = useRuns((state) => state.currentError);
  const startError = useRuns((state) => state.startError);
  const cancelling = useRuns((state) => state.cancelling);
  const cancel = useRuns((state) => state.cancel);
  useFinishAnnouncement(current);

  const active = current ? isActive(current.status) : false;
  const open = current ? stepToOpen(current) : -1;

  return (
    <section className="run-panel" aria-label="Run">
      <div className="run-header">
        <h2 className="section-title">Run</h2>
        {current && <RunStatusBadge status={current.status} />}
        {active && (
          <button type="button" className="button button-secondary button-small run-cancel" onClick={() => void cancel()} disabled={cancelling} aria-busy={cancelling}>
            Cancel run
          </button>
        )}
      </div>
      {current && (
        <p className="note run-facts">
          Started <time dateTime={current.startedAt}>{formatTime(current.startedAt)}</time> · {runFacts(summaryOfRun(current))}
        </p>
      )}
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
              <StepResultView key={`${current.id}:${result.stepId}`} result={result} index={index} open={index === open} />
            ))}
          </ol>
        ) : (
          <p className="note">This run had no steps.</p>
        )
      ) : (
        <p className="note">Press Run to try this workflow: each step&apos;s request, response, logs and output show here, with secret values masked.</p>
      )}
      <RunHistory workflowId={workflowId} shownId={current?.id ?? null} />
    </section>
  );
}
