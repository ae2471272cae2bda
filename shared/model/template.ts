/**
 * The reference syntax: every field value of a step is a template, a list of segments.
 * Secrets and plain variables are referenced by id (a rename never breaks a reference;
 * the UI shows the current name as a chip); previous steps' outputs by step id and a
 * dotted path.
 * A template never holds a secret's value.
 */
import { z } from 'zod';

const OUTPUT_PATH_MAX = 200;
const OUTPUT_PATH = /^[A-Za-z0-9_$.[\]-]*$/;

/** Why a path into an output can't be followed ("body.items[0].name"), or null. */
export function outputPathProblem(path: string): string | null {
  if (path.length > OUTPUT_PATH_MAX) return `A path is at most ${OUTPUT_PATH_MAX} characters.`;
  if (!OUTPUT_PATH.test(path)) return 'Use a dotted path such as body.id or body.items[0].name.';
  return null;
}

export const templateSegmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().max(1024 * 1024) }).strict(),
  z.object({ kind: z.literal('secret'), secretId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  /** A plain variable, by id: its text in the environment the run runs in. */
  z.object({ kind: z.literal('variable'), variableId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  z
    .object({
      kind: z.literal('output'),
      stepId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      path: z.string().max(OUTPUT_PATH_MAX).regex(OUTPUT_PATH, 'must be a dotted path'),
    })
    .strict(),
]);
export const templateSchema = z.array(templateSegmentSchema).max(200);

export type TemplateSegment = z.infer<typeof templateSegmentSchema>;
export type Template = z.infer<typeof templateSchema>;

/** The ids of the secrets a template references, in order of appearance. */
export function secretIdsIn(template: Template): string[] {
  return template.flatMap((segment) => (segment.kind === 'secret' ? [segment.secretId] : []));
}

/** The ids of the variables a template references, in order of appearance. */
export function variableIdsIn(template: Template): string[] {
  return template.flatMap((segment) => (segment.kind === 'variable' ? [segment.variableId] : []));
}

type TextSegment = { kind: 'text'; text: string };
const isText = (segment: { kind: string }): segment is TextSegment => segment.kind === 'text';

/** Collapses adjacent text segments and drops empty ones, in any list of text and other segments (a template, an import's planned field). */
export function joinTexts<S extends { kind: string }>(segments: readonly S[]): S[] {
  const out: S[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (!isText(segment)) out.push(segment);
    else if (segment.text === '') continue;
    else if (last !== undefined && isText(last)) out[out.length - 1] = { ...last, text: last.text + segment.text };
    else out.push(segment);
  }
  return out;
}

/** Collapses adjacent text segments and drops empty ones, so equal templates compare equal. */
export function normalizeTemplate(template: Template): Template {
  return joinTexts(template);
}

/** `template` with the range [start, end) of its text segment `segment` replaced by a chip of the secret `secretId`. */
export function withSecretChip(template: Template, segment: number, start: number, end: number, secretId: string): Template {
  const text = template[segment];
  if (text?.kind !== 'text') return template;
  return normalizeTemplate([
    ...template.slice(0, segment),
    { kind: 'text', text: text.text.slice(0, start) },
    { kind: 'secret', secretId },
    { kind: 'text', text: text.text.slice(end) },
    ...template.slice(segment + 1),
  ]);
}
