/**
 * The Security check's findings in plain variables: a variable whose text is a credential
 * in some environment, and its conversion into a key — the whole variable at once, so a
 * run in any environment gets what it got before, now as a secret.
 */
import { BridgeError } from '../../../shared/bridge/errors';
import { detectCredentials } from '../../../shared/detection/detect';
import { ruleInfo, uniqueName } from '../../../shared/detection/rules';
import type { VariableFinding } from '../../../shared/model/imports';
import { hostnameOf, requestHost } from '../../../shared/model/request-host';
import { domainPatternProblem } from '../../../shared/model/domains';
import type { SecretMeta } from '../../../shared/model/secret';
import { valueHint } from '../../../shared/model/team';
import { variableIdsIn } from '../../../shared/model/template';
import { templatesOf, type Step, type Workflow } from '../../../shared/model/workflow';
import type { WorkspaceSession } from '../workspaces/workspace-session';

function usesVariable(step: Step, variableId: string): boolean {
  return templatesOf(step).some(({ template }) => variableIdsIn(template).includes(variableId));
}

function workflowsUsing(session: WorkspaceSession, variableId: string): Workflow[] {
  return session.workflows
    .list()
    .map((summary) => session.workflows.get(summary.id))
    .filter((workflow) => workflow.steps.some((step) => usesVariable(step, variableId)));
}

export function variableFindings(session: WorkspaceSession, takenKeyNames: Set<string>): VariableFinding[] {
  const environments = session.environments.list();
  return session.variables.list().flatMap((variable): VariableFinding[] => {
    const credentials = environments.flatMap((environment) => {
      const text = variable.values[environment.id];
      const [first] = text === undefined ? [] : detectCredentials(text, { kind: 'entry', name: variable.name });
      return first ? [{ environment, ruleId: first.ruleId, value: text!.slice(first.start, first.end) }] : [];
    });
    const [first] = credentials;
    if (!first) return [];
    const workflows = workflowsUsing(session, variable.id);
    const origins = workflows.flatMap((workflow) => workflow.steps.filter((step) => usesVariable(step, variable.id)).map(requestHost)).filter((origin) => origin !== null);
    const hosts = [...new Set(origins.map(hostnameOf))].filter((host) => domainPatternProblem(host) === null);
    const rule = ruleInfo(first.ruleId);
    return [
      {
        kind: 'variable',
        id: variable.id,
        variableName: variable.name,
        ruleId: first.ruleId,
        ruleName: rule.name,
        hint: valueHint(first.value, 'masked'),
        environments: credentials.map(({ environment }) => ({ id: environment.id, name: environment.name })),
        workflows: workflows.map((workflow) => ({ id: workflow.id, name: workflow.name })),
        proposedName: uniqueName(variable.name, takenKeyNames),
        proposedDomains: hosts.length > 0 ? hosts : rule.hosts,
      },
    ];
  });
}

/** The step with every chip of the variable replaced by a chip of the key. */
function withKeyForVariable(step: Step, variableId: string, secretId: string): Step {
  const next = structuredClone(step);
  for (const { template } of templatesOf(next)) {
    template.forEach((segment, index) => {
      if (segment.kind === 'variable' && segment.variableId === variableId) template[index] = { kind: 'secret', secretId };
    });
  }
  return next;
}

/**
 * Makes the variable a key with its text in each environment as the key's value there;
 * every chip of the variable becomes the key's, and the variable is deleted. Run Code that
 * read the variable may read the key (it read the same text before).
 */
export function convertVariable(session: WorkspaceSession, input: { variableId: string; name: string; allowedDomains?: string[] }): { key: SecretMeta; workflows: number } {
  session.access.requireEditWorkflows();
  const variable = session.variables.rows.get(input.variableId);
  if (!variable) throw new BridgeError('not_found', 'That variable no longer exists: run the Security check again.', 'variableId');
  const values = session.environments
    .list()
    .filter((environment) => variable.values[environment.id] !== undefined)
    .map((environment) => ({ environmentId: environment.id, value: variable.values[environment.id]! }));
  const [first, ...others] = values;
  if (!first) throw new BridgeError('invalid_request', `“${variable.name}” has no text in any environment: there is nothing to convert.`, 'variableId');
  const workflows = workflowsUsing(session, variable.id);
  const readByCode = workflows.some((workflow) => workflow.steps.some((step) => step.action === 'code.run' && usesVariable(step, variable.id)));
  const key = session.secrets.create({
    name: input.name,
    value: first.value,
    environmentId: first.environmentId,
    allowedDomains: input.allowedDomains,
    readableByRunCode: readByCode,
  });
  for (const { environmentId, value } of others) session.secrets.updateValue(key.id, value, environmentId);
  for (const workflow of workflows) {
    session.workflows.save(workflow.id, workflow.name, { trigger: workflow.trigger, steps: workflow.steps.map((step) => withKeyForVariable(step, variable.id, key.id)) });
  }
  session.variables.delete(variable.id);
  session.workflows.forgetReplacedText();
  return { key: session.secrets.get(key.id), workflows: workflows.length };
}
