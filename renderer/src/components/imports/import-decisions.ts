/**
 * What the person decides in an import's preview, and what is wrong with it before main
 * is asked: key names (valid, unique among themselves and the workspace's keys), domains,
 * the environment values go to. Pure functions.
 */
import type { CredentialDecision, ImportDecisions, ImportPreview } from '../../../../shared/model/imports';
import { secretNameKey, secretNameProblem, type SecretType } from '../../../../shared/model/secret';
import { domainPatternProblem } from '../../../../shared/model/domains';
import { environmentNameProblem } from '../../../../shared/model/environment';
import { countOf } from '../../format/count';

export interface CredentialChoice {
  /** "value": the value of the workspace's key the preview matched by name (`existingKey`). */
  action: 'key' | 'value' | 'plain';
  name: string;
  type: SecretType;
  /** As typed: comma- or space-separated hosts. */
  domains: string;
}

/** Where values go: an environment of the workspace by id, or a new one by name. */
export type EnvironmentChoice = { id: string } | { name: string };

export interface PreviewChoices {
  credentials: Record<string, CredentialChoice>;
  skipped: ReadonlySet<string>;
  workflowNames: Record<string, string>;
  /** Null when the import sets no values. */
  environment: EnvironmentChoice | null;
}

/** The key `id` of the import's environment problems (shown by the environment field). */
export const ENVIRONMENT_PROBLEM = 'environment';

export function initialChoices(preview: ImportPreview): PreviewChoices {
  return {
    credentials: Object.fromEntries(
      preview.credentials.map((credential) => [
        credential.id,
        { action: credential.existingKey ? 'value' : 'key', name: credential.proposedName, type: credential.proposedType, domains: credential.proposedDomains.join(', ') },
      ]),
    ),
    skipped: new Set(),
    workflowNames: Object.fromEntries(preview.workflows.map((workflow) => [workflow.key, workflow.name])),
    environment: preview.environment === null ? null : preview.environment.id !== null ? { id: preview.environment.id } : { name: preview.environment.name },
  };
}

export function domainsOf(text: string): string[] {
  return text.split(/[\s,]+/).filter((domain) => domain !== '');
}

/** The problem with each credential's choice (by id), or none. */
export function choiceProblems(choices: PreviewChoices, existingKeyNames: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const taken = new Map(existingKeyNames.map((name) => [secretNameKey(name), 'a key of this workspace']));
  for (const [id, choice] of Object.entries(choices.credentials)) {
    if (choice.action !== 'key') continue;
    const nameProblem = secretNameProblem(choice.name);
    const clash = taken.get(secretNameKey(choice.name));
    const domainProblem = domainsOf(choice.domains)
      .map(domainPatternProblem)
      .find((problem) => problem !== null);
    if (nameProblem) problems[id] = nameProblem;
    else if (clash) problems[id] = `That name is taken by ${clash}.`;
    else if (domainProblem) problems[id] = domainProblem;
    taken.set(secretNameKey(choice.name), 'another key of this import');
  }
  for (const [key, name] of Object.entries(choices.workflowNames)) {
    const problem = secretNameProblem(name);
    if (problem) problems[key] = problem;
  }
  const environmentProblem = choices.environment && 'name' in choices.environment ? environmentNameProblem(choices.environment.name) : null;
  if (environmentProblem) problems[ENVIRONMENT_PROBLEM] = environmentProblem;
  return problems;
}

export function decisionsOf(preview: ImportPreview, choices: PreviewChoices): ImportDecisions {
  const credentials: CredentialDecision[] = Object.entries(choices.credentials).map(([id, choice]): CredentialDecision => {
    if (choice.action === 'plain') return { id, action: 'plain' };
    if (choice.action === 'value') return { id, action: 'key', keyId: preview.credentials.find((credential) => credential.id === id)!.existingKey!.id };
    return { id, action: 'key', keyId: null, name: choice.name.trim(), type: choice.type, allowedDomains: domainsOf(choice.domains) };
  });
  const environment = choices.environment === null ? undefined : 'name' in choices.environment ? { name: choices.environment.name.trim() } : choices.environment;
  return {
    credentials,
    skippedSteps: [...choices.skipped],
    workflowNames: Object.fromEntries(Object.entries(choices.workflowNames).map(([key, name]) => [key, name.trim()])),
    ...(environment ? { environment } : {}),
  };
}

/** "Creates 2 workflows with 7 steps and 1 secret key." */
export function importSummary(preview: ImportPreview, choices: PreviewChoices): string {
  const workflows = preview.workflows.filter((workflow) => workflow.steps.some((step) => !choices.skipped.has(step.key)));
  const steps = workflows.reduce((sum, workflow) => sum + workflow.steps.filter((step) => !choices.skipped.has(step.key)).length, 0);
  const keys = Object.values(choices.credentials).filter((choice) => choice.action === 'key').length;
  const newVariables = preview.variables.filter((variable) => variable.becomes === 'variable' && !variable.existing).length;
  const existingValues =
    Object.values(choices.credentials).filter((choice) => choice.action === 'value').length +
    preview.variables.filter((variable) => variable.becomes === 'variable' && variable.existing && variable.value !== null).length;
  const creates = [
    workflows.length > 0 ? `${countOf(workflows.length, 'workflow')} with ${countOf(steps, 'step')}` : null,
    keys > 0 ? countOf(keys, 'secret key') : null,
    newVariables > 0 ? countOf(newVariables, 'variable') : null,
  ].filter((part) => part !== null);
  const sets = existingValues > 0 ? `gives ${existingValues === 1 ? 'an existing key or variable' : `${existingValues} existing keys and variables`} a value` : null;
  if (creates.length === 0) return sets ? `${sets.charAt(0).toUpperCase()}${sets.slice(1)}.` : 'Nothing to create.';
  return `Creates ${joinedList(creates)}${sets ? `; ${sets}` : ''}.`;
}

/** "a", "a and b", "a, b and c". */
function joinedList(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
