import type { RunMessage, RunOutcome } from './protocol';
import type { RunCodeResult } from './types';

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}

/** Turns a worker's outcome into the public result, wording the limit errors. */
export function toRunCodeResult(outcome: RunOutcome, run: RunMessage, logs: string[], durationMs: number): RunCodeResult {
  if (outcome.ok) return { ok: true, output: JSON.parse(outcome.outputJson), logs, durationMs };
  if ('message' in outcome) return { ok: false, error: { kind: outcome.kind, message: outcome.message }, logs, durationMs };
  const message =
    outcome.kind === 'timeout'
      ? `Stopped: the code did not finish within its time limit of ${run.timeoutMs} ms.`
      : `Stopped: the code needed more than its memory limit of ${mebibytes(run.memoryLimitBytes)}.`;
  return { ok: false, error: { kind: outcome.kind, message }, logs, durationMs };
}
