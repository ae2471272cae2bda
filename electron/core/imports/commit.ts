/**
 * Carries out an import as previewed and decided: everything is checked first (names,
 * types, domains, every workflow against the schema), then the keys are created — values
 * straight into the vault — and the workflows, whose fields get the keys' chips. Both go
 * through the workspace's own stores, so a team workspace signs them like any change.
 */
import { secretNameKey, secretNameProblem } from '../../../shared/model/secret';
import { domainPatternProblem, MAX_ALLOWED_DOMAINS } from '../../../shared/model/domains';
import { workflowDefinitionSchema, type Step, type WorkflowDefinition } from '../../../shared/model/workflow';
import type { Template } from '../../../shared/model/template';
import type { CredentialDecision, ImportDecisions, ImportOutcome } from '../../../shared/model/imports';
import { fingerprintOf } from '../../../shared/detection/fingerprint';
import { BridgeError } from '../../../shared/bridge/errors';
import { newId } from '../ids';
import type { WorkspaceSession } from '../workspaces/workspace-session';
import type { ImportPlan, PlannedPair, PlannedStep, PlannedText } from './plan';

const pending = (credentialId: string) => `pending_${credentialId}`;

function decisionsOf(plan: ImportPlan, given: readonly CredentialDecision[]): Map<string, Required<CredentialDecision>> {
  const byId = new Map(given.map((decision) => [decision.id, decision]));
  for (const id of byId.keys()) if (!plan.credentials.has(id)) throw new BridgeError('invalid_request', `There is no detected credential ${id} in this import: preview it again.`, 'decisions');
  const decided = new Map<string, Required<CredentialDecision>>();
  for (const proposal of plan.preview.credentials) {
    const decision = byId.get(proposal.id);
    decided.set(proposal.id, {
      id: proposal.id,
      action: decision?.action ?? 'key',
      name: (decision?.name ?? proposal.proposedName).trim(),
      type: decision?.type ?? proposal.proposedType,
      allowedDomains: decision?.allowedDomains ?? proposal.proposedDomains,
    });
    const chosen = decided.get(proposal.id)!;
    if (chosen.action === 'key' && !proposal.allowedTypes.includes(chosen.type)) {
      throw new BridgeError('invalid_request', `“${chosen.name}” goes into Send API Request fields, which take generic keys only.`, 'decisions');
    }
  }
  return decided;
}

function checkKeys(decisions: Map<string, Required<CredentialDecision>>, existingNames: readonly string[]): void {
  const taken = new Map(existingNames.map((name) => [secretNameKey(name), name]));
  for (const decision of decisions.values()) {
    if (decision.action !== 'key') continue;
    const problem = secretNameProblem(decision.name);
    if (problem) throw new BridgeError('invalid_request', `Key “${decision.name}”: ${problem}`, 'decisions');
    const clash = taken.get(secretNameKey(decision.name));
    if (clash !== undefined) throw new BridgeError('conflict', `Two keys would be named “${clash}”: give each a name of its own.`, 'decisions');
    taken.set(secretNameKey(decision.name), decision.name);
    if (decision.allowedDomains.length > MAX_ALLOWED_DOMAINS) throw new BridgeError('invalid_request', `Key “${decision.name}”: at most ${MAX_ALLOWED_DOMAINS} allowed domains.`, 'decisions');
    for (const domain of decision.allowedDomains) {
      const problem = domainPatternProblem(domain);
      if (problem) throw new BridgeError('invalid_request', `Key “${decision.name}”: ${problem}`, 'decisions');
    }
  }
}

/** A planned field as a template: kept credentials become (pending) key references, "not a secret" ones text. */
function templateOf(text: PlannedText, plan: ImportPlan, decisions: Map<string, Required<CredentialDecision>>, keptPlain: Set<string>, used: Set<string>): Template {
  return text.map((segment) => {
    if (segment.kind === 'text') return segment;
    const credential = plan.credentials.get(segment.id)!;
    if (decisions.get(segment.id)!.action === 'plain') {
      keptPlain.add(fingerprintOf(credential.value));
      return { kind: 'text' as const, text: credential.value };
    }
    used.add(segment.id);
    return { kind: 'secret' as const, secretId: pending(segment.id) };
  });
}

function stepOf(planned: PlannedStep, plan: ImportPlan, decisions: Map<string, Required<CredentialDecision>>, used: Set<string>): Step {
  const keptPlain = new Set<string>();
  const t = (text: PlannedText) => templateOf(text, plan, decisions, keptPlain, used);
  const rows = (list: PlannedPair[]) => list.slice(0, 100).map((pair) => ({ key: pair.key.slice(0, 200), value: t(pair.value), enabled: pair.enabled }));
  const body = planned.body;
  const auth = planned.auth;
  const step: Step = {
    id: newId('step'),
    name: planned.name,
    action: 'http.request',
    config: {
      method: planned.method,
      url: t(planned.url),
      query: rows(planned.query),
      headers: rows(planned.headers),
      body:
        body.kind === 'none' ? body
        : body.kind === 'json' ? { kind: 'json', text: t(body.text) }
        : body.kind === 'text' ? { kind: 'text', text: t(body.text), contentType: body.contentType.slice(0, 200) }
        : { kind: 'form', fields: rows(body.fields) },
      auth:
        auth.kind === 'none' ? auth
        : auth.kind === 'bearer' ? { kind: 'bearer', token: t(auth.token) }
        : auth.kind === 'basic' ? { kind: 'basic', username: t(auth.username), password: t(auth.password) }
        : { kind: 'api-key', in: auth.in, name: auth.name.slice(0, 200) || 'X-API-Key', value: t(auth.value) },
      timeoutMs: 30_000,
    },
  };
  if (keptPlain.size > 0) step.plainText = [...keptPlain];
  return step;
}

function withKeyIds(definition: WorkflowDefinition, ids: Map<string, string>): WorkflowDefinition {
  return JSON.parse(JSON.stringify(definition), (_key, value: unknown) => {
    if (value && typeof value === 'object' && (value as { kind?: string }).kind === 'secret') {
      const secretId = (value as { secretId: string }).secretId;
      return { kind: 'secret', secretId: ids.get(secretId) ?? secretId };
    }
    return value;
  }) as WorkflowDefinition;
}

export function commitImport(plan: ImportPlan, given: ImportDecisions, session: WorkspaceSession, description: string): ImportOutcome {
  const decisions = decisionsOf(plan, given.credentials);
  checkKeys(decisions, session.secrets.accessOfAll().map((secret) => secret.name));
  const skipped = new Set(given.skippedSteps ?? []);
  const used = new Set<string>();
  const workflows = plan.workflows.flatMap((workflow) => {
    const steps = workflow.steps.filter((step) => !skipped.has(step.key)).map((step) => stepOf(step, plan, decisions, used));
    if (steps.length === 0) return [];
    const name = (given.workflowNames?.[workflow.key] ?? workflow.name).trim();
    const problem = secretNameProblem(name);
    if (problem) throw new BridgeError('invalid_request', `Workflow “${name}”: ${problem}`, 'decisions');
    const definition: WorkflowDefinition = { trigger: { kind: 'manual' }, steps };
    const parsed = workflowDefinitionSchema.safeParse(definition);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BridgeError('invalid_request', `Workflow “${name}” can’t be created: at ${issue.path.join('.')}: ${issue.message}.`, 'decisions');
    }
    return [{ name, definition }];
  });
  // Keys from variables and .env entries are created even when no kept step uses them.
  for (const credential of plan.credentials.values()) if (credential.variable !== null) used.add(credential.id);
  const toCreate = [...used].map((id) => decisions.get(id)!).filter((decision) => decision.action === 'key');
  if (toCreate.length > 0) session.access.requireCreateSecrets();
  if (workflows.length > 0) session.access.requireEditWorkflows();

  const ids = new Map<string, string>();
  const keys = toCreate.map((decision) => {
    const credential = plan.credentials.get(decision.id)!;
    const created = session.secrets.create({ name: decision.name, value: credential.value, type: decision.type, allowedDomains: decision.allowedDomains, description });
    ids.set(pending(decision.id), created.id);
    return { id: created.id, name: created.name };
  });
  const created = workflows.map(({ name, definition }) => session.workflows.create(name, withKeyIds(definition, ids)));
  return {
    workflows: created.map((workflow) => ({ id: workflow.id, name: workflow.name })),
    keys,
    keptAsPlainText: [...decisions.values()].filter((decision) => decision.action === 'plain').length,
  };
}
