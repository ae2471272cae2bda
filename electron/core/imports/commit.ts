/**
 * Carries out an import as previewed and decided: everything is checked first (names,
 * types, domains, rights, the environment, every workflow against the schema), then the
 * environment is made if new, the keys are created or given their value in it — values
 * straight into the vault — the variables are created or given their value in it, and the
 * workflows, whose fields get the keys' and variables' chips. All go through the
 * workspace's own stores, so a team workspace signs them like any change.
 */
import { secretNameKey, secretNameProblem } from '../../../shared/model/secret';
import { domainPatternProblem, MAX_ALLOWED_DOMAINS } from '../../../shared/model/domains';
import { workflowDefinitionSchema, type Step, type WorkflowDefinition } from '../../../shared/model/workflow';
import type { Template } from '../../../shared/model/template';
import type { CredentialDecision, ImportDecisions, ImportOutcome, PreviewEnvironment } from '../../../shared/model/imports';
import { environmentNameProblem, nameKey } from '../../../shared/model/environment';
import { fingerprintOf } from '../../../shared/detection/fingerprint';
import { BridgeError } from '../../../shared/bridge/errors';
import { newId } from '../ids';
import type { WorkspaceSession } from '../workspaces/workspace-session';
import type { ImportPlan, PlannedPair, PlannedStep, PlannedText } from './plan';

const pending = (credentialId: string) => `pending_${credentialId}`;
const pendingVariable = (index: number) => `pending_v${index}`;

type Decided = Required<Omit<CredentialDecision, 'keyId'>> & { keyId: string | null };

function decisionsOf(plan: ImportPlan, given: readonly CredentialDecision[], environment: PreviewEnvironment | null, session: WorkspaceSession): Map<string, Decided> {
  const byId = new Map(given.map((decision) => [decision.id, decision]));
  for (const id of byId.keys())
    if (!plan.credentials.has(id)) throw new BridgeError('invalid_request', `There is no detected credential ${id} in this import: preview it again.`, 'decisions');
  const decided = new Map<string, Decided>();
  for (const proposal of plan.preview.credentials) {
    const decision = byId.get(proposal.id);
    const action = decision?.action ?? 'key';
    const keyId = action === 'plain' ? null : decision?.keyId !== undefined ? decision.keyId : (proposal.existingKey?.id ?? null);
    // An existing key keeps its name, type and domains: the import only gives it a value.
    const existing = keyId === null ? null : session.secrets.getManaged(keyId);
    // Proposed against another environment than the one chosen: a value there is replaced only when asked for by id.
    if (existing && decision?.keyId === undefined && existing.values.some((entry) => entry.environmentId === environment?.id)) {
      throw new BridgeError(
        'conflict',
        `“${existing.name}” already has a value in ${environment!.name}: import ${proposal.id} as a new key, or name the key to replace its value.`,
        'decisions',
      );
    }
    decided.set(proposal.id, {
      id: proposal.id,
      action,
      name: existing?.name ?? (decision?.name ?? proposal.proposedName).trim(),
      type: existing?.type ?? decision?.type ?? proposal.proposedType,
      allowedDomains: existing?.allowedDomains ?? decision?.allowedDomains ?? proposal.proposedDomains,
      keyId,
    });
    const chosen = decided.get(proposal.id)!;
    if (chosen.action === 'key' && !proposal.allowedTypes.includes(chosen.type)) {
      throw new BridgeError('invalid_request', `“${chosen.name}” goes into Send API Request fields, which take generic keys only.`, 'decisions');
    }
  }
  return decided;
}

/** The environment values go to: the one decided (an existing one by id, or by name; else a new one of that name), else as proposed. */
function environmentOf(proposed: PreviewEnvironment | null, given: ImportDecisions['environment'], session: WorkspaceSession): PreviewEnvironment | null {
  if (proposed === null) return null;
  const environments = session.environments.list();
  if (given === undefined) {
    if (proposed.id === null) return environments.find((environment) => nameKey(environment.name) === nameKey(proposed.name)) ?? proposed;
    return environments.find((environment) => environment.id === proposed.id) ?? notFound();
  }
  if ('id' in given) return environments.find((environment) => environment.id === given.id) ?? notFound();
  const problem = environmentNameProblem(given.name);
  if (problem) throw new BridgeError('invalid_request', `New environment: ${problem}`, 'decisions');
  const name = given.name.trim();
  return environments.find((environment) => nameKey(environment.name) === nameKey(name)) ?? { id: null, name };
}

function notFound(): never {
  throw new BridgeError('not_found', 'That environment no longer exists: preview the import again.', 'decisions');
}

function checkKeys(decisions: Map<string, Decided>, existingNames: readonly string[]): void {
  const taken = new Map(existingNames.map((name) => [secretNameKey(name), name]));
  const valued = new Set<string>();
  for (const decision of decisions.values()) {
    if (decision.action !== 'key') continue;
    if (decision.keyId !== null) {
      if (valued.has(decision.keyId)) throw new BridgeError('conflict', `Two credentials would both be the value of “${decision.name}”: give one a key of its own.`, 'decisions');
      valued.add(decision.keyId);
      continue;
    }
    const problem = secretNameProblem(decision.name);
    if (problem) throw new BridgeError('invalid_request', `Key “${decision.name}”: ${problem}`, 'decisions');
    const clash = taken.get(secretNameKey(decision.name));
    if (clash !== undefined) throw new BridgeError('conflict', `Two keys would be named “${clash}”: give each a name of its own.`, 'decisions');
    taken.set(secretNameKey(decision.name), decision.name);
    if (decision.allowedDomains.length > MAX_ALLOWED_DOMAINS)
      throw new BridgeError('invalid_request', `Key “${decision.name}”: at most ${MAX_ALLOWED_DOMAINS} allowed domains.`, 'decisions');
    for (const domain of decision.allowedDomains) {
      const problem = domainPatternProblem(domain);
      if (problem) throw new BridgeError('invalid_request', `Key “${decision.name}”: ${problem}`, 'decisions');
    }
  }
}

/** A planned field as a template: kept credentials become (pending) key references, "not a secret" ones text, variables their (pending) chips. */
function templateOf(text: PlannedText, plan: ImportPlan, decisions: Map<string, Decided>, keptPlain: Set<string>, used: Set<string>): Template {
  return text.map((segment) => {
    if (segment.kind === 'text') return segment;
    if (segment.kind === 'variable') {
      const keyId = plan.keyReferences.get(segment.name);
      if (keyId !== undefined) return { kind: 'secret' as const, secretId: keyId };
      return { kind: 'variable' as const, variableId: pendingVariable([...plan.variables.keys()].indexOf(segment.name)) };
    }
    const credential = plan.credentials.get(segment.id)!;
    if (decisions.get(segment.id)!.action === 'plain') {
      keptPlain.add(fingerprintOf(credential.value));
      return { kind: 'text' as const, text: credential.value };
    }
    used.add(segment.id);
    return { kind: 'secret' as const, secretId: pending(segment.id) };
  });
}

function stepOf(planned: PlannedStep, plan: ImportPlan, decisions: Map<string, Decided>, used: Set<string>): Step {
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
        body.kind === 'none'
          ? body
          : body.kind === 'json'
            ? { kind: 'json', text: t(body.text) }
            : body.kind === 'text'
              ? { kind: 'text', text: t(body.text), contentType: body.contentType.slice(0, 200) }
              : { kind: 'form', fields: rows(body.fields) },
      auth:
        auth.kind === 'none'
          ? auth
          : auth.kind === 'bearer'
            ? { kind: 'bearer', token: t(auth.token) }
            : auth.kind === 'basic'
              ? { kind: 'basic', username: t(auth.username), password: t(auth.password) }
              : { kind: 'api-key', in: auth.in, name: auth.name.slice(0, 200) || 'X-API-Key', value: t(auth.value) },
      timeoutMs: 30_000,
    },
  };
  if (keptPlain.size > 0) step.plainText = [...keptPlain];
  return step;
}

/** The definition with the pending ids of keys and variables replaced by those they were created with. */
function withIds(definition: WorkflowDefinition, ids: Map<string, string>): WorkflowDefinition {
  return JSON.parse(JSON.stringify(definition), (_key, value: unknown) => {
    const segment = value as { kind?: string; secretId?: string; variableId?: string } | null;
    if (segment?.kind === 'secret') return { kind: 'secret', secretId: ids.get(segment.secretId!) ?? segment.secretId };
    if (segment?.kind === 'variable') return { kind: 'variable', variableId: ids.get(segment.variableId!) ?? segment.variableId };
    return value;
  }) as WorkflowDefinition;
}

export function commitImport(plan: ImportPlan, given: ImportDecisions, session: WorkspaceSession, description: string): ImportOutcome {
  const environment = environmentOf(plan.preview.environment, given.environment, session);
  const decisions = decisionsOf(plan, given.credentials, environment, session);
  checkKeys(
    decisions,
    session.secrets.accessOfAll().map((secret) => secret.name),
  );
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
  const keyDecisions = [...used].map((id) => decisions.get(id)!).filter((decision) => decision.action === 'key');
  const variables = [...plan.variables];
  if (keyDecisions.some((decision) => decision.keyId === null)) session.access.requireCreateSecrets();
  if (workflows.length > 0 || variables.length > 0) session.access.requireEditWorkflows();
  const target = environment !== null && (keyDecisions.length > 0 || variables.some(([, value]) => value !== null)) ? environment : null;
  if (target?.id === null) session.access.requireAdmin(`create the environment “${target.name}”`);

  const madeEnvironment: { id: string; name: string } | null =
    target === null ? null : target.id === null ? session.environments.create(target.name) : { id: target.id, name: target.name };
  const environmentId = madeEnvironment?.id;
  const ids = new Map<string, string>();
  const keys: ImportOutcome['keys'] = [];
  const keyValues: ImportOutcome['keyValues'] = [];
  for (const decision of keyDecisions) {
    const credential = plan.credentials.get(decision.id)!;
    const key =
      decision.keyId === null
        ? session.secrets.create({ name: decision.name, value: credential.value, type: decision.type, allowedDomains: decision.allowedDomains, description, environmentId })
        : session.secrets.updateValue(decision.keyId, credential.value, environmentId);
    ids.set(pending(decision.id), key.id);
    (decision.keyId === null ? keys : keyValues).push({ id: key.id, name: key.name });
  }
  const byName = new Map(session.variables.list().map((variable) => [nameKey(variable.name), variable]));
  const madeVariables: ImportOutcome['variables'] = [];
  for (const [index, [name, value]] of variables.entries()) {
    const known = byName.get(nameKey(name));
    const setsValue = value !== null && environmentId !== undefined;
    const variable = !known
      ? session.variables.create(name, setsValue ? { [environmentId]: value } : {})
      : setsValue
        ? session.variables.setValue(known.id, environmentId, value)
        : known;
    if (!known || setsValue) madeVariables.push({ id: variable.id, name: variable.name });
    byName.set(nameKey(variable.name), variable);
    ids.set(pendingVariable(index), variable.id);
  }
  const created = workflows.map(({ name, definition }) => session.workflows.create(name, withIds(definition, ids)));
  return {
    workflows: created.map((workflow) => ({ id: workflow.id, name: workflow.name })),
    keys,
    keyValues,
    variables: madeVariables,
    environment: madeEnvironment === null ? null : { id: madeEnvironment.id, name: madeEnvironment.name },
    keptAsPlainText: [...decisions.values()].filter((decision) => decision.action === 'plain').length,
  };
}
