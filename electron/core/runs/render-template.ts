import type { Template } from '../../../shared/model/template';
import { NO_SECRETS, unionOf, type SecretIds } from './secret-flow';

export interface RenderContext {
  /** Decrypted values of the secrets the step uses (main process only). */
  secretValue(secretId: string): string;
  /** Plain variables' texts in the run's environment. */
  variableValue(variableId: string): string;
  /** Outputs of the steps that already ran, by step id (redacted). */
  outputs: ReadonlyMap<string, unknown>;
  /** The secrets a step's output carries. */
  outputCarries(stepId: string): SecretIds;
}

/** Reads a dotted path ("body.items[0].id") from a value; undefined when absent. */
export function readPath(value: unknown, path: string): unknown {
  if (path === '') return value;
  let node = value;
  for (const key of path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)) {
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

/** The secrets a rendered template carries: those it references, and those the outputs it uses carry. */
export function carriedBy(template: Template, context: Pick<RenderContext, 'outputCarries'>): SecretIds {
  let carried: SecretIds = NO_SECRETS;
  for (const segment of template) {
    if (segment.kind === 'secret') carried = unionOf([carried, new Set([segment.secretId])]);
    else if (segment.kind === 'output') carried = unionOf([carried, context.outputCarries(segment.stepId)]);
  }
  return carried;
}
