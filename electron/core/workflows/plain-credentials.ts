/**
 * Saving refuses a workflow that holds a credential in plain text the person neither
 * converted nor chose to keep (the builder says so before it asks; this holds for every
 * caller of the bridge). The refusal names step, field and rule — never the value.
 */
import { fieldLabel } from '../../../shared/model/actions';
import type { WorkflowDefinition } from '../../../shared/model/workflow';
import { unconvertedCredentials } from '../../../shared/detection/step-credentials';
import { ruleInfo } from '../../../shared/detection/rules';
import { BridgeError } from '../../../shared/bridge/errors';

export function refuseUnconvertedCredentials(definition: WorkflowDefinition): void {
  const first = unconvertedCredentials(definition)[0];
  if (!first) return;
  const index = definition.steps.findIndex((step) => step.id === first.stepId);
  const step = definition.steps[index]!;
  const field = first.field === 'code' ? 'Code' : fieldLabel(step, first.field);
  throw new BridgeError(
    'invalid_request',
    `Step ${index + 1} “${step.name}”, ${field}: holds a ${ruleInfo(first.ruleId).name.toLowerCase()} in plain text. Convert it to a secret key, or choose Keep as plain text.`,
    'definition',
  );
}
