/** Builders for workflow steps in tests. */
import type { Template } from '../../shared/model/template';
import type { HttpRequestConfig, Step } from '../../shared/model/workflow';

let counter = 0;
const stepId = () => `step_${++counter}`;

export const t = (text: string): Template => [{ kind: 'text', text }];
export const s = (secretId: string): Template => [{ kind: 'secret', secretId }];

export function httpStep(name: string, config: Partial<HttpRequestConfig> & { url: Template }): Step {
  return {
    id: stepId(),
    name,
    action: 'http.request',
    config: { method: 'GET', query: [], headers: [], body: { kind: 'none' }, auth: { kind: 'none' }, timeoutMs: 10_000, ...config },
  };
}

export function codeStep(name: string, code: string, variables: { name: string; value: Template }[] = [], limits: { timeoutMs?: number; memoryLimitMb?: number } = {}): Step {
  return { id: stepId(), name, action: 'code.run', config: { code, variables, timeoutMs: limits.timeoutMs ?? 5_000, memoryLimitMb: limits.memoryLimitMb ?? 64 } };
}

export const definition = (...steps: Step[]) => ({ trigger: { kind: 'manual' as const }, steps });
