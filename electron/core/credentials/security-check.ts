/**
 * The Security check: every literal credential in the workspace's workflows, one finding
 * per value (wherever it stands), and the two things to do with one — convert it (one
 * key; every place gets its chip) or keep it as plain text (recorded in each step).
 * Values stay in main: a finding names its value by fingerprint and shows a hint at most.
 */
import { fieldLabel } from '../../../shared/model/actions';
import { domainPatternProblem } from '../../../shared/model/domains';
import { valueHint } from '../../../shared/model/team';
import type { Step, Workflow } from '../../../shared/model/workflow';
import { withSecretChip, type Template } from '../../../shared/model/template';
import type { LiteralFinding, SecurityFinding } from '../../../shared/model/imports';
import { secretNameKey, type SecretMeta, type SecretType } from '../../../shared/model/secret';
import { credentialsInStep, type LiteralCredential } from '../../../shared/detection/step-credentials';
import { proposedKeyName, ruleInfo, uniqueName } from '../../../shared/detection/rules';
import { codeReadingInput, variableNameFor } from '../../../shared/detection/code-literal';
import { BridgeError } from '../../../shared/bridge/errors';
import type { WorkspaceSession } from '../workspaces/workspace-session';
import { hostnameOf, requestHost } from '../../../shared/model/request-host';
import { variableFindings } from './variable-findings';

type Found = LiteralCredential & { value: string; workflow: Workflow; step: Step };

function everyCredential(session: WorkspaceSession): Found[] {
  return session.workflows.list().flatMap((summary) => {
    const workflow = session.workflows.get(summary.id);
    return workflow.steps.flatMap((step) => credentialsInStep(step).map((credential) => ({ ...credential, workflow, step })));
  });
}

/** Literal credentials in workflows, then variables that hold one. */
export function scanWorkspace(session: WorkspaceSession): SecurityFinding[] {
  const taken = new Set(session.secrets.accessOfAll().map((secret) => secretNameKey(secret.name)));
  return [...literalFindings(session, taken), ...variableFindings(session, taken)];
}

function literalFindings(session: WorkspaceSession, taken: Set<string>): LiteralFinding[] {
  const groups = new Map<string, Found[]>();
  for (const found of everyCredential(session)) groups.set(found.fingerprint, [...(groups.get(found.fingerprint) ?? []), found]);
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const rule = ruleInfo(first.ruleId);
    const origins = group.map((found) => requestHost(found.step)).filter((origin) => origin !== null);
    const hosts = [...new Set(origins.map(hostnameOf))].filter((host) => domainPatternProblem(host) === null);
    return {
      kind: 'literal',
      id: first.fingerprint,
      ruleId: first.ruleId,
      ruleName: rule.name,
      hint: valueHint(first.value, 'masked'),
      proposedName: uniqueName(proposedKeyName(first.ruleId, hosts[0] ?? null), taken),
      proposedDomains: hosts.length > 0 ? hosts : rule.hosts,
      places: group.map((found) => ({
        workflowId: found.workflow.id,
        workflowName: found.workflow.name,
        stepId: found.step.id,
        stepName: found.step.name,
        field: found.field,
        fieldLabel: found.field === 'code' ? 'Code' : fieldLabel(found.step, found.field),
        keptAsPlainText: (found.step.plainText ?? []).includes(found.fingerprint),
      })),
    };
  });
}

function placesOf(session: WorkspaceSession, fingerprint: string): Found[] {
  const found = everyCredential(session).filter((credential) => credential.fingerprint === fingerprint);
  if (found.length === 0) throw new BridgeError('not_found', 'That credential is no longer in any workflow: run the Security check again.', 'id');
  return found;
}

/** Replaces a range of a text segment of a template (or of the code) with the key's chip, in the step's config. */
function replaced(step: Step, found: Found, secret: SecretMeta): Step {
  const secretId = secret.id;
  if (found.field === 'code') {
    if (step.action !== 'code.run' || step.config.code.slice(found.start, found.end) !== found.value) return step;
    // Code can't hold a chip: it reads the key from an input variable instead.
    const name = variableNameFor(
      secret.name,
      step.config.variables.map((variable) => variable.name),
    );
    const code = codeReadingInput(step.config.code, found.start, found.end, name);
    return { ...step, config: { ...step.config, code, variables: [...step.config.variables, { name, value: [{ kind: 'secret', secretId }] }] } };
  }
  const config = structuredClone(step.config) as Record<string, unknown>;
  const path = found.field.split('.');
  let node: Record<string, unknown> | unknown[] = config;
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown>)[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  const template = (node as Record<string, Template>)[last]!;
  const segment = template[found.segment];
  if (segment?.kind !== 'text' || segment.text.slice(found.start, found.end) !== found.value) return step;
  (node as Record<string, Template>)[last] = withSecretChip(template, found.segment, found.start, found.end, secretId);
  return { ...step, config } as Step;
}

/** Saves every workflow whose steps `change` alters. */
function rewrite(session: WorkspaceSession, found: Found[], change: (step: Step, places: Found[]) => Step): number {
  const byWorkflow = new Map<string, Found[]>();
  for (const place of found) byWorkflow.set(place.workflow.id, [...(byWorkflow.get(place.workflow.id) ?? []), place]);
  for (const [workflowId, places] of byWorkflow) {
    const workflow = session.workflows.get(workflowId);
    const steps = workflow.steps.map((step) =>
      change(
        step,
        places.filter((place) => place.step.id === step.id),
      ),
    );
    session.workflows.save(workflowId, workflow.name, { trigger: workflow.trigger, steps });
  }
  session.workflows.forgetReplacedText();
  return byWorkflow.size;
}

export function convertFinding(
  session: WorkspaceSession,
  input: { id: string; name: string; type?: SecretType; allowedDomains?: string[] },
): { key: SecretMeta; workflows: number } {
  const found = placesOf(session, input.id);
  session.access.requireEditWorkflows();
  const key = session.secrets.create({ name: input.name, value: found[0]!.value, type: input.type ?? 'generic', allowedDomains: input.allowedDomains });
  const workflows = rewrite(session, found, (step, places) => {
    // Later ranges first, so earlier ones keep their offsets.
    let next = step;
    for (const place of [...places].sort((a, b) => a.field.localeCompare(b.field) || b.segment - a.segment || b.start - a.start)) next = replaced(next, place, key);
    const plainText = next.plainText?.filter((fingerprint) => fingerprint !== input.id);
    return { ...next, plainText: plainText && plainText.length > 0 ? plainText : undefined };
  });
  return { key, workflows };
}

export function keepFindingAsPlainText(session: WorkspaceSession, id: string): { workflows: number } {
  const found = placesOf(session, id);
  return {
    workflows: rewrite(session, found, (step, places) => (places.length === 0 || step.plainText?.includes(id) ? step : { ...step, plainText: [...(step.plainText ?? []), id] })),
  };
}
