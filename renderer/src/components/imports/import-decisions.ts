/**
 * What the person decides in an import's preview, and what is wrong with it before main
 * is asked: key names (valid, unique among themselves and the workspace's keys), domains.
 * Pure functions.
 */
import type { CredentialDecision, ImportDecisions, ImportPreview } from '../../../../shared/model/imports';
import { secretNameKey, secretNameProblem, type SecretType } from '../../../../shared/model/secret';
import { domainPatternProblem } from '../../../../shared/model/domains';
import { countOf } from '../../format/count';

export interface CredentialChoice {
  action: 'key' | 'plain';
  name: string;
  type: SecretType;
  /** As typed: comma- or space-separated hosts. */
  domains: string;
}

export interface PreviewChoices {
  credentials: Record<string, CredentialChoice>;
  skipped: ReadonlySet<string>;
  workflowNames: Record<string, string>;
}

export function initialChoices(preview: ImportPreview): PreviewChoices {
  return {
    credentials: Object.fromEntries(
      preview.credentials.map((credential) => [
        credential.id,
        { action: 'key', name: credential.proposedName, type: credential.proposedType, domains: credential.proposedDomains.join(', ') },
      ]),
    ),
    skipped: new Set(),
    workflowNames: Object.fromEntries(preview.workflows.map((workflow) => [workflow.key, workflow.name])),
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
    const domainProblem = domainsOf(choice.domains).map(domainPatternProblem).find((problem) => problem !== null);
    if (nameProblem) problems[id] = nameProblem;
    else if (clash) problems[id] = `That name is taken by ${clash}.`;
    else if (domainProblem) problems[id] = domainProblem;
    taken.set(secretNameKey(choice.name), 'another key of this import');
  }
  for (const [key, name] of Object.entries(choices.workflowNames)) {
    const problem = secretNameProblem(name);
    if (problem) problems[key] = problem;
  }
  return problems;
}

export function decisionsOf(choices: PreviewChoices): ImportDecisions {
  const credentials: CredentialDecision[] = Object.entries(choices.credentials).map(([id, choice]) =>
    choice.action === 'plain' ? { id, action: 'plain' } : { id, action: 'key', name: choice.name.trim(), type: choice.type, allowedDomains: domainsOf(choice.domains) },
  );
  return { credentials, skippedSteps: [...choices.skipped], workflowNames: Object.fromEntries(Object.entries(choices.workflowNames).map(([key, name]) => [key, name.trim()])) };
}

/** "Creates 2 workflows with 7 steps and 1 secret key." */
export function importSummary(preview: ImportPreview, choices: PreviewChoices): string {
  const workflows = preview.workflows.filter((workflow) => workflow.steps.some((step) => !choices.skipped.has(step.key)));
  const steps = workflows.reduce((sum, workflow) => sum + workflow.steps.filter((step) => !choices.skipped.has(step.key)).length, 0);
  const keys = Object.values(choices.credentials).filter((choice) => choice.action === 'key').length;
  const parts = [
    workflows.length > 0 ? `${countOf(workflows.length, 'workflow')} with ${countOf(steps, 'step')}` : null,
    keys > 0 ? countOf(keys, 'secret key') : null,
  ].filter(Boolean);
  return parts.length === 0 ? 'Nothing to create.' : `Creates ${parts.join(' and ')}.`;
}
