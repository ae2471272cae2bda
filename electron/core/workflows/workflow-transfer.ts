/**
 * Export and import of a workflow as JSON. Secret references travel as id + name,
 * never a value; the workspace's environment names and the texts of the variables the
 * workflow uses travel too (they are plain). On import, references that don't resolve to a key of this workspace
 * (by id, then by unique name) are listed for the user to map; nothing is created
 * until every reference is mapped.
 */
import { z } from 'zod';
import { secretNameKey, type SecretMeta } from '../../../shared/model/secret';
import { secretIdsIn, variableIdsIn } from '../../../shared/model/template';
import { MAX_ENVIRONMENTS, nameKey, VARIABLE_VALUE_MAX, type Variable } from '../../../shared/model/environment';
import { templatesOf, workflowDefinitionSchema, type Workflow, type WorkflowDefinition } from '../../../shared/model/workflow';
import type { UnresolvedReference, WorkflowExport } from '../../../shared/model/workflow-transfer';
import { BridgeError } from '../../../shared/bridge/errors';

export const EXPORT_FORMAT = 'keyflow.workflow';

const exportSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(1),
    name: z.string().min(1).max(100),
    definition: workflowDefinitionSchema,
    secrets: z.array(z.object({ id: z.string(), name: z.string() }).strict()).max(1000),
    environments: z.array(z.string().max(200)).max(MAX_ENVIRONMENTS).optional(),
    variables: z
      .array(z.object({ id: z.string().max(64), name: z.string().max(400), values: z.record(z.string().max(200), z.string().max(VARIABLE_VALUE_MAX)) }).strict())
      .max(1000)
      .optional(),
  })
  .strict();

/** What an export says of the workspace it came from: its environments and variables (never a key's value). */
export interface ExportContext {
  secretsById: ReadonlyMap<string, SecretMeta>;
  environments: readonly { id: string; name: string }[];
  variables: ReadonlyMap<string, Variable>;
}

export function exportWorkflow(workflow: Workflow, context: ExportContext): WorkflowExport {
  const templates = workflow.steps.flatMap((step) => templatesOf(step).map(({ template }) => template));
  const ids = [...new Set(templates.flatMap(secretIdsIn))];
  const variableIds = [...new Set(templates.flatMap(variableIdsIn))];
  const nameOf = new Map(context.environments.map((environment) => [environment.id, environment.name]));
  return {
    format: EXPORT_FORMAT,
    version: 1,
    name: workflow.name,
    definition: { trigger: workflow.trigger, steps: workflow.steps },
    secrets: ids.map((id) => ({ id, name: context.secretsById.get(id)?.name ?? '(deleted key)' })),
    environments: context.environments.map((environment) => environment.name),
    variables: variableIds.flatMap((id) => {
      const variable = context.variables.get(id);
      if (!variable) return [];
      const values = Object.fromEntries(
        Object.entries(variable.values).flatMap(([environmentId, text]) => (nameOf.has(environmentId) ? [[nameOf.get(environmentId)!, text]] : [])),
      );
      return [{ id, name: variable.name, values }];
    }),
  };
}

function parseExport(json: string): z.infer<typeof exportSchema> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new BridgeError('invalid_request', 'The file is not JSON.', 'json');
  }
  const parsed = exportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BridgeError('invalid_request', `This is not a Keyflow workflow export (at ${issue.path.join('.') || 'its root'}: ${issue.message}).`, 'json');
  }
  return parsed.data;
}

function remap(definition: WorkflowDefinition, mapping: ReadonlyMap<string, string>, variables: ReadonlyMap<string, string> = new Map()): WorkflowDefinition {
  const steps = definition.steps.map((step) => {
    const config = JSON.parse(JSON.stringify(step.config), (key, value: unknown) => {
      const kind = value && typeof value === 'object' ? (value as { kind?: string }).kind : undefined;
      if (kind === 'secret') return { kind: 'secret', secretId: mapping.get((value as { secretId: string }).secretId) ?? (value as { secretId: string }).secretId };
      if (kind === 'variable') return { kind: 'variable', variableId: variables.get((value as { variableId: string }).variableId) ?? (value as { variableId: string }).variableId };
      return value;
    }) as typeof step.config;
    return { ...step, config } as typeof step;
  });
  return { trigger: definition.trigger, steps };
}

/** How an import meets this workspace's variables: by id, then by name; the rest it creates with their texts. */
export interface VariableTarget {
  variables: readonly Variable[];
  environments: readonly { id: string; name: string }[];
  /** Creates a variable with texts by environment id; returns its id. */
  create(name: string, values: Record<string, string>): string;
  /** Adds an environment (when the importer may); returns its id, or null when they may not. */
  addEnvironment(name: string): string | null;
}

/**
 * Maps an export's variables onto this workspace (creating the missing ones, with their texts
 * in the environments of the same name — added when the importer may); returns the id mapping,
 * the variables created and the environments left out.
 */
export function importVariables(json: string, target: VariableTarget): { mapping: Map<string, string>; created: string[]; skipped: string[] } {
  const data = parseExport(json);
  const mapping = new Map<string, string>();
  const created: string[] = [];
  const skipped = new Set<string>();
  const environments = new Map(target.environments.map((environment) => [nameKey(environment.name), environment.id]));
  const environmentFor = (name: string): string | null => {
    const known = environments.get(nameKey(name));
    if (known) return known;
    const added = target.addEnvironment(name);
    if (added) environments.set(nameKey(name), added);
    else skipped.add(name);
    return added;
  };
  for (const variable of data.variables ?? []) {
    const existing = target.variables.find((candidate) => candidate.id === variable.id) ?? target.variables.find((candidate) => nameKey(candidate.name) === nameKey(variable.name));
    if (existing) {
      mapping.set(variable.id, existing.id);
      continue;
    }
    const values: Record<string, string> = {};
    for (const [environmentName, text] of Object.entries(variable.values)) {
      const id = environmentFor(environmentName);
      if (id) values[id] = text;
    }
    mapping.set(variable.id, target.create(variable.name, values));
    created.push(variable.name);
  }
  return { mapping, created, skipped: [...skipped] };
}

/**
 * Resolves an export's references against this workspace's secrets. `choices` maps an
 * exported id to a local secret id (the user's mapping). Returns the definition to
 * create, or the references still unresolved.
 */
export function resolveImport(
  json: string,
  localSecrets: readonly SecretMeta[],
  choices: Readonly<Record<string, string>>,
  variables: () => ReadonlyMap<string, string> = () => new Map(),
): { name: string; definition: WorkflowDefinition } | { unresolved: UnresolvedReference[] } {
  const data = parseExport(json);
  const byId = new Map(localSecrets.map((secret) => [secret.id, secret]));
  const byName = new Map(localSecrets.map((secret) => [secretNameKey(secret.name), secret]));
  const mapping = new Map<string, string>();
  const unresolved: UnresolvedReference[] = [];
  for (const ref of data.secrets) {
    const chosen = choices[ref.id];
    if (chosen !== undefined) {
      if (!byId.has(chosen)) throw new BridgeError('invalid_request', `The key chosen for “${ref.name}” no longer exists.`, 'mapping');
      mapping.set(ref.id, chosen);
    } else if (byId.has(ref.id)) {
      mapping.set(ref.id, ref.id);
    } else {
      unresolved.push({ id: ref.id, name: ref.name, suggestion: byName.get(secretNameKey(ref.name))?.id ?? null });
    }
  }
  const referenced = new Set(data.definition.steps.flatMap((step) => templatesOf(step).flatMap(({ template }) => secretIdsIn(template))));
  for (const id of referenced) {
    if (!data.secrets.some((ref) => ref.id === id) && !byId.has(id)) unresolved.push({ id, name: '(unnamed key)', suggestion: null });
  }
  if (unresolved.length > 0) return { unresolved };
  return { name: data.name, definition: remap(data.definition, mapping, variables()) };
}
