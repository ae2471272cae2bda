import type { Template } from '../../../shared/model/template';

export interface RenderContext {
  /** Decrypted values of the secrets the step uses (main process only). */
  secretValue(secretId: string): string;
  /** Plain variables' texts in the run's environment. */
  variableValue(variableId: string): string;
  /** Outputs of the steps that already ran, by step id (redacted). */
  outputs: ReadonlyMap<string, unknown>;
}

/** Reads a dotted path ("body.items[0].id") from a value; undefined when absent. */
export function readPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let node = value;
  for (const key of path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Turns a template into the text sent: literal text, secret values, previous outputs. */
export function renderTemplate(template: Template, context: RenderContext): string {
  return template
    .map((segment) => {
      switch (segment.kind) {
        case 'text':
          return segment.text;
        case 'secret':
          return context.secretValue(segment.secretId);
        case 'variable':
          return context.variableValue(segment.variableId);
        case 'output':
          return asText(readPath(context.outputs.get(segment.stepId), segment.path));
      }
    })
    .join('');
}

export const usesSecret = (template: Template): boolean => template.some((segment) => segment.kind === 'secret');
