/**
 * Before a step sends anything: every reference it holds must pass the rule the editor shows
 * (shared/model/reference-problems.ts), and (checked once the target is known) every secret
 * the step's values carry must allow the target.
 */
import type { SecretMeta } from '../../../shared/model/secret';
import { outputReferenceProblem, secretReferenceProblem, type OutputReferenceProblem, type SecretReferenceProblem } from '../../../shared/model/reference-problems';
import { secretIdsIn } from '../../../shared/model/template';
import { templatesOf, type Step } from '../../../shared/model/workflow';
import { StepError } from './run-error';
import { carriedBy, type RenderContext } from './render-template';
import { refusalText, type RunSecretFlow, type SecretIds } from './secret-flow';

export interface StepSecretUse {
  field: string;
  secret: SecretMeta;
}

/**
 * Checks every reference of a step before it runs (secret keys: there, usable by this person,
 * of the field's type, readable where Run Code would read them; outputs: of an earlier step,
 * at a path that can be followed); returns where each secret is used.
 */
export function checkStepReferences(steps: readonly Step[], index: number, known: ReadonlyMap<string, SecretMeta>): StepSecretUse[] {
  const step = steps[index]!;
  const uses: StepSecretUse[] = [];
  for (const { field, template } of templatesOf(step)) {
    for (const segment of template) {
      if (segment.kind === 'output') {
        const problem = outputReferenceProblem(steps, index, segment.stepId, segment.path);
        if (problem) throw StepError.inField(step, index, field, `${outputProblemText(problem)} Nothing was sent.`);
        continue;
      }
      if (segment.kind !== 'secret') continue;
      const secret = known.get(segment.secretId);
      const problem = secretReferenceProblem(step.action, field, secret);
      if (problem) throw StepError.inField(step, index, field, secretProblemText(problem));
      uses.push({ field, secret: secret! });
    }
  }
  return uses;
}

function secretProblemText(problem: SecretReferenceProblem): string {
  switch (problem.kind) {
    case 'deleted':
      return 'the secret key it uses was deleted. Choose another key for this field.';
    case 'restricted':
      return 'it uses a restricted secret key you have no access to. Ask an Admin for Use access. Nothing was sent.';
    case 'no-use':
      return `you don’t have access to use the secret key “${problem.secret.name}”. Ask its owner or an Admin for Use access. Nothing was sent.`;
    case 'wrong-type':
      return `the secret key “${problem.secret.name}” is a ${problem.secret.type} key, but this field takes ${problem.accepted === 'generic' ? 'a generic key' : `a ${problem.accepted} key`}.`;
    case 'unreadable-by-code':
      return `Run Code may not read the secret key “${problem.secret.name}”. ${problem.secret.rights.manage ? 'Turn on “Readable by Run Code” in its actions' : 'Ask its owner or an Admin to turn on “Readable by Run Code”'}, or send it with a Send API Request step. Nothing was run.`;
  }
}

function outputProblemText(problem: OutputReferenceProblem): string {
  switch (problem.kind) {
    case 'deleted-step':
      return 'it uses the output of a step that was deleted.';
    case 'later-step':
      return `it uses the output of “${problem.stepName}”, which runs after it.`;
    case 'bad-path':
      return `the path into an earlier step’s output can’t be followed: ${problem.message}`;
  }
}

/**
 * Refuses a target that any secret the step's fields carry may not reach, naming the field
 * and, when the secret came through an earlier step's output, that step.
 */
export function checkTarget(
  step: Step,
  index: number,
  url: URL,
  carried: SecretIds,
  flow: RunSecretFlow,
  context: Pick<RenderContext, 'outputCarries'>,
  stepLabel: (stepId: string) => string,
): void {
  const refused = flow.refusedAt(url, carried);
  if (!refused) return;
  const fields = templatesOf(step).filter(({ template }) => carriedBy(template, context).has(refused.id));
  const field = fields.find(({ template }) => secretIdsIn(template).includes(refused.id)) ?? fields[0];
  if (!field) throw StepError.inStep(step, index, `${refusalText(refused, url)}. Nothing was sent.`);
  const through = secretIdsIn(field.template).includes(refused.id)
    ? undefined
    : field.template.find((segment) => segment.kind === 'output' && context.outputCarries(segment.stepId).has(refused.id));
  const via = through?.kind === 'output' ? ` (it uses the output of ${stepLabel(through.stepId)}, which carries that key)` : '';
  throw StepError.inField(step, index, field.field, `${refusalText(refused, url)}${via}. Nothing was sent.`);
}
