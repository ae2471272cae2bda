/**
 * Literal credentials in a workflow's steps: which field, which text segment, which range,
 * which rule. Both processes ask the same question — the builder (to offer Convert to
 * secret key and to hold back Save) and main (the Security check, `keyflow scan`, and the
 * refusal to save a workflow with an unconverted credential).
 */
import type { Template } from '../model/template';
import { templatesOf, type Step, type WorkflowDefinition } from '../model/workflow';
import { detectCredentials, detectInTexts, type Detection, type FieldContext } from './detect';
import { fingerprintOf } from './fingerprint';

export interface LiteralCredential extends Detection {
  stepId: string;
  /** The template field, e.g. "headers.1.value". */
  field: string;
  /** The index of the text segment in the field's template. */
  segment: number;
  fingerprint: string;
}

/** What a field of a step is, for the contextual rules: a header's name, a parameter's name, a credential field. */
export function fieldContext(step: Step, field: string): FieldContext {
  const row = /^(query|headers|body\.fields)\.(\d+)\.value$/.exec(field);
  if (row && step.action === 'http.request') {
    const config = step.config;
    const list = row[1] === 'query' ? config.query : row[1] === 'headers' ? config.headers : config.body.kind === 'form' ? config.body.fields : [];
    const name = list[Number(row[2])]?.key ?? '';
    return row[1] === 'headers' ? { kind: 'header', name } : { kind: row[1] === 'query' ? 'query' : 'form', name };
  }
  const variable = /^variables\.(\d+)\.value$/.exec(field);
  if (variable && step.action === 'code.run') return { kind: 'variable', name: step.config.variables[Number(variable[1])]?.name ?? '' };
  if (field === 'auth.token' || field === 'auth.password' || field === 'auth.value' || field === 'apiKey' || field === 'token') return { kind: 'credential' };
  return { kind: 'text' };
}

/** The literal credentials of one field's template. */
export function credentialsInTemplate(template: Template, context: FieldContext): (Detection & { segment: number; value: string })[] {
  const found: (Detection & { segment: number; value: string })[] = [];
  template.forEach((segment, index) => {
    if (segment.kind !== 'text') return;
    for (const detection of detectCredentials(segment.text, context)) {
      found.push({ ...detection, segment: index, value: segment.text.slice(detection.start, detection.end) });
    }
  });
  return found;
}

/** Every literal credential of a step (its Run Code source included), whether or not it was kept as plain text. Its texts are checked together. */
export function credentialsInStep(step: Step): (LiteralCredential & { value: string })[] {
  const texts: { field: string; segment: number; text: string; context: FieldContext }[] = [];
  for (const { field, template } of templatesOf(step)) {
    const context = fieldContext(step, field);
    template.forEach((segment, index) => {
      if (segment.kind === 'text') texts.push({ field, segment: index, text: segment.text, context });
    });
  }
  if (step.action === 'code.run') texts.push({ field: 'code', segment: 0, text: step.config.code, context: { kind: 'text' } });
  const detections = detectInTexts(texts);
  return texts.flatMap(({ field, segment, text }, index) =>
    detections[index]!.map((detection) => {
      const value = text.slice(detection.start, detection.end);
      return { ...detection, segment, value, stepId: step.id, field, fingerprint: fingerprintOf(value) };
    }),
  );
}

/** The credentials the user has neither converted nor chosen to keep as plain text. */
export function unconvertedCredentials(definition: Pick<WorkflowDefinition, 'steps'>): (LiteralCredential & { value: string })[] {
  return definition.steps.flatMap((step) => {
    const kept = new Set(step.plainText ?? []);
    return credentialsInStep(step).filter((credential) => !kept.has(credential.fingerprint));
  });
}
