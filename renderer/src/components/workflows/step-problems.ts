import { fieldLabel } from '../../../../shared/model/actions';
import { outputReferenceProblem, secretReferenceProblem } from '../../../../shared/model/reference-problems';
import type { SecretMeta } from '../../../../shared/model/secret';
import { stepSchema, templatesOf, type Step } from '../../../../shared/model/workflow';
import { headerSetByAuth, hostProblem, requestHost } from './request-checks';
import { unconvertedCredentials } from '../../../../shared/detection/step-credentials';

export interface StepProblems {
  /** Secret references to deleted keys: the step needs reconfiguration. */
  broken: number;
  /** Keys of a type the field doesn't take. */
  wrongType: number;
  /** Outputs of steps that are gone or run later. */
  badOutputs: number;
  /** Keys whose allowed domains exclude the host the step sends to. */
  disallowedHost: number;
  /** A header that Authentication sets too. */
  authConflict: boolean;
  /** The first thing the schema refuses (as main will), in people's words. */
  invalid: string | null;
  /** Credentials in plain text neither converted nor kept: main won't save the workflow. */
  plainCredentials: number;
}

/**
 * What is wrong with a step before main is asked. `secrets` null: not loaded yet (nothing
 * counts as broken). `steps`: the workflow's steps, this one among them (null: outputs are not judged).
 */
export function stepProblems(step: Step, secrets: ReadonlyMap<string, SecretMeta> | null, steps: readonly Step[] | null = null): StepProblems {
  let broken = 0;
  let wrongType = 0;
  let badOutputs = 0;
  let disallowedHost = 0;
  const host = requestHost(step);
  const index = steps?.findIndex((candidate) => candidate.id === step.id) ?? -1;
  for (const { field, template } of templatesOf(step)) {
    for (const segment of template) {
      if (segment.kind === 'output') {
        const problem = steps && outputReferenceProblem(steps, index, segment.stepId, segment.path);
        if (problem && problem.kind !== 'bad-path') badOutputs++;
        continue;
      }
      if (segment.kind !== 'secret' || !secrets) continue;
      const secret = secrets.get(segment.secretId);
      const problem = secretReferenceProblem(step.action, field, secret);
      if (problem?.kind === 'deleted' || problem?.kind === 'restricted') broken++;
      else if (problem?.kind === 'wrong-type') wrongType++;
      else if (secret && hostProblem(secret, host)) disallowedHost++;
    }
  }
  const parsed = stepSchema.safeParse(step);
  let invalid: string | null = null;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    if (path[0] === 'name') invalid = 'The step needs a name.';
    else {
      const configPath = path[0] === 'config' ? path.slice(1) : path;
      // Point at the field: "headers.0.value.2" → the template field "headers.0.value".
      const field = configPath
        .join('.')
        .replace(/\.value\.\d+.*$/, '.value')
        .replace(/^(url|body\.text|auth\.\w+|[a-zA-Z]+)\.\d+.*$/, '$1');
      invalid = `${fieldLabel(step, field)}: ${issue.message}`;
    }
  }
  const authConflict = step.action === 'http.request' && headerSetByAuth(step.config) >= 0;
  const plainCredentials = unconvertedCredentials({ steps: [step] }).length;
  return { broken, wrongType, badOutputs, disallowedHost, authConflict, invalid, plainCredentials };
}
