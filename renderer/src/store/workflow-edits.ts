/**
 * Pure edits of a workflow definition: what the builder's commands do to the steps.
 * Every function returns new objects and leaves its arguments untouched.
 */
import { ACTIONS } from '../../../shared/model/actions';
import type { Template } from '../../../shared/model/template';
import type { ActionId, Step, WorkflowDefinition } from '../../../shared/model/workflow';

export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;
export const DEFAULT_CODE_TIMEOUT_MS = 5_000;
export const DEFAULT_CODE_MEMORY_MB = 64;
export const STARTER_CODE = `// input holds your variables (input.name) and the previous steps' outputs (input.steps).
// Whatever you return is this step's output.
return {};
`;

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh step id ([A-Za-z0-9_-]), random enough never to collide within a workflow. */
export function newStepId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `step_${[...bytes].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('')}`;
}

/** `base`, or "base 2", "base 3"… whichever no step is named yet (case-insensitively). */
export function uniqueStepName(base: string, steps: readonly Step[]): string {
  const taken = new Set(steps.map((step) => step.name.trim().toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

const empty = (): Template => [];

export function defaultConfig(action: ActionId): Step['config'] {
  switch (action) {
    case 'http.request':
      return { method: 'GET', url: empty(), query: [], headers: [], body: { kind: 'none' }, auth: { kind: 'none' }, timeoutMs: DEFAULT_HTTP_TIMEOUT_MS };
    case 'code.run':
      return { code: STARTER_CODE, variables: [], timeoutMs: DEFAULT_CODE_TIMEOUT_MS, memoryLimitMb: DEFAULT_CODE_MEMORY_MB };
    case 'sendgrid.sendEmail':
      return { apiKey: empty(), from: empty(), to: empty(), subject: empty(), text: empty() };
    case 'slack.postMessage':
      return { token: empty(), channel: empty(), text: empty() };
    case 'mailgun.sendMessage':
      return { apiKey: empty(), domain: empty(), from: empty(), to: empty(), subject: empty(), text: empty() };
  }
}

/** A new step of `action`, named after the action (numbered when that name is taken). */
export function createStep(action: ActionId, existing: readonly Step[], id: string = newStepId()): Step {
  return { id, name: uniqueStepName(ACTIONS[action].label, existing), action, config: defaultConfig(action) } as Step;
}

/** `steps` with `step` inserted at `index` (default: the end). */
export function insertStep(steps: readonly Step[], step: Step, index: number = steps.length): Step[] {
  const at = Math.max(0, Math.min(index, steps.length));
  return [...steps.slice(0, at), step, ...steps.slice(at)];
}

export function removeStep(steps: readonly Step[], id: string): Step[] {
  return steps.filter((step) => step.id !== id);
}

/** The item at `from` moved so that it ends up at index `to` (both clamped). Same array when nothing moves. */
export function moveItem<T>(items: readonly T[], from: number, to: number): readonly T[] {
  if (from < 0 || from >= items.length) return items;
  const target = Math.max(0, Math.min(to, items.length - 1));
  if (target === from) return items;
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved as T);
  return next;
}

/**
 * Where a dragged item lands when dropped before (`after` false) or after the item at
 * `overIndex`: the index to pass to moveItem.
 */
export function dropIndex(from: number, overIndex: number, after: boolean): number {
  const slot = after ? overIndex + 1 : overIndex;
  return slot > from ? slot - 1 : slot;
}

export function replaceStep(steps: readonly Step[], id: string, change: (step: Step) => Step): Step[] {
  return steps.map((step) => (step.id === id ? change(step) : step));
}

export function withSteps(definition: WorkflowDefinition, steps: Step[]): WorkflowDefinition {
  return { ...definition, steps };
}

/** The steps before `stepId`: the ones whose output it may use. */
export function earlierSteps(steps: readonly Step[], stepId: string): Step[] {
  const index = steps.findIndex((step) => step.id === stepId);
  return index < 0 ? [] : steps.slice(0, index);
}
