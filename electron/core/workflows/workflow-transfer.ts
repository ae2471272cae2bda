/**
 * Export and import of a workflow as JSON. Secret references travel as id + name,
 * never a value. On import, references that don't resolve to a key of this workspace
 * (by id, then by unique name) are listed for the user to map; nothing is created
 * until every reference is mapped.
 */
import { z } from 'zod';
import { secretNameKey, type SecretMeta } from '../../../shared/model/secret';
import { secretIdsIn } from '../../../shared/model/template';
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
  })
  .strict();

export function exportWorkflow(workflow: Workflow, secretsById: ReadonlyMap<string, SecretMeta>): WorkflowExport {
  const ids = [...new Set(workflow.steps.flatMap((step) => templatesOf(step).flatMap(({ template }) => secretIdsIn(template))))];
  return {
    format: EXPORT_FORMAT,
    version: 1,
    name: workflow.name,
    definition: { trigger: workflow.trigger, steps: workflow.steps },
    secrets: ids.map((id) => ({ id, name: secretsById.get(id)?.name ?? '(deleted key)' })),
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

function remap(definition: WorkflowDefinition, mapping: ReadonlyMap<string, string>): WorkflowDefinition {
  const steps = definition.steps.map((step) => {
    const config = JSON.parse(JSON.stringify(step.config), (key, value: unknown) =>
      value && typeof value === 'object' && (value as { kind?: string }).kind === 'secret'
        ? { kind: 'secret', secretId: mapping.get((value as { secretId: string }).secretId) ?? (value as { secretId: string }).secretId }
        : value,
    ) as typeof step.config;
    return { ...step, config } as typeof step;
  });
  return { trigger: definition.trigger, steps };
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
  return { name: data.name, definition: remap(data.definition, mapping) };
}

