/**
 * Before a step sends anything: every secret it references must exist, be usable by the
 * person running it, be of the type its field accepts, be readable by Run Code when a Run
 * Code variable holds it, and (checked once the target is known) allow the target along
 * with every secret the step's values carry.
 */
import type { SecretMeta } from '../../../shared/model/secret';
import { acceptedSecretType } from '../../../shared/model/actions';
import { secretIdsIn } from '../../../shared/model/template';
import { templatesOf, type Step } from '../../../shared/model/workflow';
import { StepError } from './run-error';
import { carriedBy, type RenderContext } from './render-template';
import { refusalText, type RunSecretFlow, type SecretIds } from './secret-flow';

export interface StepSecretUse {
  field: string;
  secret: SecretMeta;
}

/** Checks existence and type of every referenced secret; returns where each is used. */
export function checkStepSecrets(step: Step, index: number, known: ReadonlyMap<string, SecretMeta>): StepSecretUse[] {
  const uses: StepSecretUse[] = [];
  for (const { field, template } of templatesOf(step)) {
    for (const secretId of secretIdsIn(template)) {
      const secret = known.get(secretId);
      if (!secret) {
        throw StepError.inField(step, index, field, 'the secret key it uses was deleted. Choose another key for this field.');
      }
      if (!secret.rights.use) {
        throw StepError.inField(
          step,
          index,
          field,
          secret.rights.see
            ? `you don’t have access to use the secret key “${secret.name}”. Ask its owner or an Admin for Use access. Nothing was sent.`
            : 'it uses a restricted secret key you have no access to. Ask an Admin for Use access. Nothing was sent.',
        );
      }
      const accepted = acceptedSecretType(step.action, field);
      if (secret.type !== accepted) {
        throw StepError.inField(
          step,
          index,
          field,
          `the secret key “${secret.name}” is a ${secret.type} key, but this field takes ${accepted === 'generic' ? 'a generic key' : `a ${accepted} key`}.`,
        );
      }
      if (step.action === 'code.run' && !secret.readableByRunCode) {
        throw StepError.inField(
          step,
          index,
          field,
          `Run Code may not read the secret key “${secret.name}”. ${secret.rights.manage ? 'Turn on “Readable by Run Code” in its actions' : 'Ask its owner or an Admin to turn on “Readable by Run Code”'}, or send it with a Send API Request step. Nothing was run.`,
        );
      }
      uses.push({ field, secret });
    }
  }
  return uses;
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
