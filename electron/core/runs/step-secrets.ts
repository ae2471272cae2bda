/**
 * Before a step sends anything: every secret it references must exist, be usable by the
 * person running it, be of the type its field accepts, and (checked later, once the
 * target is known) allow the target host.
 */
import type { SecretMeta } from '../../../shared/model/secret';
import { acceptedSecretType } from '../../../shared/model/actions';
import { hostAllowed } from '../../../shared/model/domains';
import { secretIdsIn } from '../../../shared/model/template';
import { templatesOf, type Step } from '../../../shared/model/workflow';
import { StepError } from './run-error';

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
      uses.push({ field, secret });
    }
  }
  return uses;
}

/** Refuses a target host that any of the secrets in play does not allow. */
export function checkAllowedHost(step: Step, index: number, uses: readonly StepSecretUse[], host: string): void {
  const refused = uses.find((use) => !hostAllowed(host, use.secret.allowedDomains));
  if (refused) {
    throw StepError.inField(
      step,
      index,
      refused.field,
      `the secret key “${refused.secret.name}” may only be sent to ${refused.secret.allowedDomains.join(', ')}, not to ${host}. Nothing was sent.`,
    );
  }
}
