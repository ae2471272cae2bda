import { summaryOfRun, type Run, type RunSummary, type RunTrigger, type StepStatus } from '../../../../shared/model/run';
import { countOf } from '../../format/count';

export const STATUS_LABELS: Readonly<Record<StepStatus, string>> = {
  pending: 'Pending',
  running: 'Running',
  ok: 'OK',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

/** Where a run came from, as a phrase: "from the app", "from the command line". */
export const TRIGGER_LABELS: Readonly<Record<RunTrigger, string>> = {
  app: 'from the app',
  cli: 'from the command line',
};

/** "850 ms", "2.4 s", "1 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/** "512 B", "3.2 KiB", "5 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

const time = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
export function formatTime(iso: string): string {
  return time.format(Date.parse(iso));
}

/** Bodies larger than this show as raw text (its first 64 KiB): thousands of tree rows would slow the page down. */
const TREE_MAX_CHARS = 256 * 1024;

/**
 * A body that is JSON, parsed (for the tree view); null when it is not JSON, or too
 * large to draw as a tree without slowing the page down.
 */
export function jsonOf(text: string): { value: object } | null {
  const start = text.trimStart()[0];
  if ((start !== '{' && start !== '[') || text.length > TREE_MAX_CHARS) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? { value } : null;
  } catch {
    return null;
  }
}

/** A run's or step's output as readable JSON (already redacted by main). */
export function formatJson(value: unknown): string {
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** "took 1.2 s · in Staging · from the command line · failed at step 2 “Call API”" */
export function runFacts(run: Pick<RunSummary, 'durationMs' | 'trigger' | 'failedStep' | 'environment'>): string {
  return [
    run.durationMs !== null ? `took ${formatDuration(run.durationMs)}` : 'running',
    run.environment ? `in ${run.environment.name}` : null,
    TRIGGER_LABELS[run.trigger],
    run.failedStep ? `failed at step ${run.failedStep.index + 1} “${run.failedStep.name}”` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** "Run finished: 2 steps OK", "Run failed at step 2 “Call API”". */
export function finishAnnouncement(run: Run): string {
  const failed = summaryOfRun(run).failedStep;
  if (run.status === 'ok') return `Run finished: ${run.steps.length === 1 ? '1 step' : `all ${countOf(run.steps.length, 'step')}`} OK`;
  if (run.status === 'failed') return failed ? `Run failed at step ${failed.index + 1} “${failed.name}”` : 'Run failed';
  return `Run ${STATUS_LABELS[run.status].toLowerCase()}`;
}
