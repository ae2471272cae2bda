import type { ActionId, RunStatus } from './workflow';

export type HeaderList = [name: string, value: string][];

/** One step of a run as stored and shown: every string in it has been through the redactor. */
export interface StepResult {
  stepId: string;
  stepName: string;
  action: ActionId;
  status: RunStatus;
  startedAt: string | null;
  durationMs: number | null;
  request?: { method: string; url: string; headers: HeaderList; body?: string };
  response?: { status: number; headers: HeaderList; body: string; bytes: number; truncated: boolean; redirects: string[] };
  logs: string[];
  output?: unknown;
  error?: { message: string; field?: string };
}

export interface Run {
  id: string;
  workflowId: string;
  workflowName: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  steps: StepResult[];
}

export interface RunSummary {
  id: string;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
}

/** What a response keeps of a body; the rest is dropped with a visible note. */
export const RESPONSE_BODY_CAP_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
