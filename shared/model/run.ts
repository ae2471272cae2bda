import type { ActionId, RunStatus } from './workflow';

export type HeaderList = [name: string, value: string][];

/** Where a run was started: the app (either host) or the command line. */
export const RUN_TRIGGERS = ['app', 'cli'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** A step's status: a run's, or skipped (an earlier step failed or the run was cancelled). */
export type StepStatus = RunStatus | 'skipped';

/** One step of a run as stored and shown: every string in it has been through the redactor. */
export interface StepResult {
  stepId: string;
  stepName: string;
  action: ActionId;
  status: StepStatus;
  startedAt: string | null;
  durationMs: number | null;
  request?: { method: string; url: string; headers: HeaderList; body?: string };
  response?: { status: number; headers: HeaderList; body: string; bytes: number; truncated: boolean; redirects: string[] };
  logs: string[];
  output?: unknown;
  error?: { message: string; field?: string };
}

/** The environment a run ran in (runs from before environments have none). */
export interface RunEnvironmentLabel {
  id: string;
  name: string;
}

export interface Run {
  id: string;
  workflowId: string;
  workflowName: string;
  status: RunStatus;
  trigger: RunTrigger;
  environment?: RunEnvironmentLabel;
  startedAt: string;
  finishedAt: string | null;
  steps: StepResult[];
}

/** The step a run stopped at, by position (0-based) and name. */
export interface FailedStep {
  index: number;
  name: string;
}

/** A run as run history lists it. */
export interface RunSummary {
  id: string;
  status: RunStatus;
  trigger: RunTrigger;
  environment?: RunEnvironmentLabel;
  startedAt: string;
  finishedAt: string | null;
  /** From start to finish; null while it runs. */
  durationMs: number | null;
  /** The first step that failed, if one did. */
  failedStep: FailedStep | null;
}

/** A run named for people (the Activity trail): which workflow, when, from where. */
export interface RunLabel {
  id: string;
  workflowId: string;
  workflowName: string;
  startedAt: string;
  trigger: RunTrigger;
}

export function runDurationMs(startedAt: string, finishedAt: string | null): number | null {
  return finishedAt === null ? null : Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt));
}

export function failedStepOf(run: Pick<Run, 'steps'>): FailedStep | null {
  const index = run.steps.findIndex((step) => step.status === 'failed');
  return index < 0 ? null : { index, name: run.steps[index]!.stepName };
}

/** The history entry of a run: the one rule main (when it stores a run) and the renderer (when a run changes live) share. */
export function summaryOfRun(run: Run): RunSummary {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    ...(run.environment ? { environment: run.environment } : {}),
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: runDurationMs(run.startedAt, run.finishedAt),
    failedStep: failedStepOf(run),
  };
}

/** What a response keeps of a body; the rest is dropped with a visible note. */
export const RESPONSE_BODY_CAP_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
