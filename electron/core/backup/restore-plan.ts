/**
 * What restoring a backup into a workspace would do, merging by id: each environment, key,
 * variable, workflow and run is added, replaced or unchanged. A restored name already used
 * here by something else (another id) gets " (restored)". Computed from the rows as they are
 * now, so the restore itself is planned again inside its transaction.
 */
import { isDeepStrictEqual } from 'node:util';
import { PREVIEW_NAMES_MAX, type RestoreChanges, type RestorePreview } from '../../../shared/model/backup';
import { SECRET_NAME_MAX, secretNameKey } from '../../../shared/model/secret';
import { ENVIRONMENT_NAME_MAX, MAX_ENVIRONMENTS, nameKey, VARIABLE_NAME_MAX } from '../../../shared/model/environment';
import { BridgeError } from '../../../shared/bridge/errors';
import type { Db } from '../db/database';
import type { BackupContents, BackupSecret } from './backup-contents';

export type Change = 'added' | 'replaced' | 'unchanged';

/** How a restored key's value in one environment compares with the one here. */
export type LocalValue = { version: number; value: string | null; source: string | null } | undefined;

export interface PlannedItem<T> {
  item: T;
  change: Change;
  /** The name it gets here (its own, or with " (restored)"). */
  name: string;
}

export interface RestorePlan {
  workspaceId: string;
  contents: BackupContents;
  environments: PlannedItem<BackupContents['environments'][number]>[];
  secrets: (PlannedItem<BackupSecret> & { local: Map<string, LocalValue> })[];
  variables: PlannedItem<BackupContents['variables'][number]>[];
  workflows: PlannedItem<BackupContents['workflows'][number]>[];
  runs: PlannedItem<NonNullable<BackupContents['runs']>[number]>[] | null;
  renamed: RestorePreview['renamed'];
}

/** Opens a value stored here (null when it can't be opened: it then counts as different). */
export type OpenLocal = (secretId: string, environmentId: string, version: number, sealed: Buffer) => string | null;

/** Names in use: by whom (id), keyed case-insensitively; a restored item whose name is taken by another id is renamed. */
class NameSpace {
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly keyOf: (name: string) => string,
    private readonly max: number,
  ) {}

  take(name: string, id: string): void {
    this.owners.set(this.keyOf(name), id);
  }

  /** The name `id` gets: its own when free (or already its own), else "<name> (restored)", "(restored 2)"… */
  claim(name: string, id: string): string {
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : n === 2 ? ' (restored)' : ` (restored ${n - 1})`;
      const candidate = suffix ? `${[...name].slice(0, this.max - suffix.length).join('')}${suffix}` : name;
      const owner = this.owners.get(this.keyOf(candidate));
      if (owner === undefined || owner === id) {
        this.take(candidate, id);
        return candidate;
      }
    }
  }
}

type Planned = readonly { change: Change; name: string }[];

function names(planned: Planned, change: Change): string[] {
  return planned
    .filter((p) => p.change === change)
    .slice(0, PREVIEW_NAMES_MAX)
    .map((p) => p.name);
}

export function summarize(planned: Planned): RestoreChanges {
  const count = (change: Change) => planned.filter((p) => p.change === change).length;
  return { added: count('added'), replaced: count('replaced'), unchanged: count('unchanged'), addedNames: names(planned, 'added'), replacedNames: names(planned, 'replaced') };
}

/**
 * Names first claimed by the rows here that the backup doesn't hold, then by the backup's
 * items in order: so a backup that swaps two names still restores both unchanged.
 */
function assignNames<T extends { id: string; name: string }>(
  space: NameSpace,
  local: Map<string, { name: string }>,
  items: readonly T[],
  kind: RestorePreview['renamed'][number]['kind'],
  renamed: RestorePreview['renamed'],
): Map<string, string> {
  const inBackup = new Set(items.map((item) => item.id));
  for (const [id, row] of local) if (!inBackup.has(id)) space.take(row.name, id);
  const assigned = new Map<string, string>();
  for (const item of items) {
    const name = space.claim(item.name, item.id);
    if (name !== item.name) renamed.push({ kind, from: item.name, to: name });
    assigned.set(item.id, name);
  }
  return assigned;
}

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((row) => [row.id, row]));
}

export function planRestore(db: Db, workspaceId: string, contents: BackupContents, openLocal: OpenLocal): RestorePlan {
  const renamed: RestorePreview['renamed'] = [];

  const localEnvironments = byId(
    db.prepare<[string], { id: string; name: string; protected: number }>('SELECT id, name, protected FROM environments WHERE workspace_id = ?').all(workspaceId),
  );
  const environmentNames = assignNames(new NameSpace(nameKey, ENVIRONMENT_NAME_MAX), localEnvironments, contents.environments, 'environment', renamed);
  const environments = contents.environments.map((item) => {
    const local = localEnvironments.get(item.id);
    const name = environmentNames.get(item.id)!;
    const change: Change = !local ? 'added' : local.name === name && (local.protected === 1) === item.protected ? 'unchanged' : 'replaced';
    return { item, change, name };
  });
  const environmentCount = new Set([...localEnvironments.keys(), ...contents.environments.map((e) => e.id)]).size;
  if (environmentCount > MAX_ENVIRONMENTS) {
    throw new BridgeError('conflict', `Restoring this backup would make ${environmentCount} environments here; a workspace has at most ${MAX_ENVIRONMENTS}. Delete some first.`);
  }
  const knownEnvironments = new Set(contents.environments.map((e) => e.id));

  const localSecrets = byId(
    db
      .prepare<[string], { id: string; name: string; description: string; type: string; allowed_domains: string; readable_by_code: number; visibility: string }>(
        'SELECT id, name, description, type, allowed_domains, readable_by_code, visibility FROM secrets WHERE workspace_id = ?',
      )
      .all(workspaceId),
  );
  const localValues = new Map<string, Map<string, LocalValue>>();
  for (const row of db
    .prepare<[string], { secret_id: string; environment_id: string; value_version: number; sealed_value: Buffer | null; source: string | null }>(
      'SELECT secret_id, environment_id, value_version, sealed_value, source FROM secret_values WHERE workspace_id = ?',
    )
    .all(workspaceId)) {
    const ofSecret = localValues.get(row.secret_id) ?? new Map<string, LocalValue>();
    const value = row.sealed_value ? openLocal(row.secret_id, row.environment_id, row.value_version, row.sealed_value) : null;
    ofSecret.set(row.environment_id, { version: row.value_version, value, source: row.source });
    localValues.set(row.secret_id, ofSecret);
  }
  const secretNames = assignNames(new NameSpace(secretNameKey, SECRET_NAME_MAX), localSecrets, contents.secrets, 'key', renamed);
  const secrets = contents.secrets.map((item) => {
    const name = secretNames.get(item.id)!;
    const row = localSecrets.get(item.id);
    const local = localValues.get(item.id) ?? new Map<string, LocalValue>();
    let change: Change = 'added';
    if (row) {
      const sameMeta =
        row.name === name &&
        row.description === item.description &&
        row.type === item.type &&
        isDeepStrictEqual(JSON.parse(row.allowed_domains), item.allowedDomains) &&
        (row.readable_by_code === 1) === item.readableByRunCode &&
        row.visibility === item.visibility;
      const backupValues = new Map(item.values.filter((v) => knownEnvironments.has(v.environmentId)).map((v) => [v.environmentId, v]));
      const sameValues = [...knownEnvironments].every((environmentId) => sameValue(local.get(environmentId), backupValues.get(environmentId)));
      change = sameMeta && sameValues ? 'unchanged' : 'replaced';
    }
    return { item, change, name, local };
  });

  const localVariables = byId(db.prepare<[string], { id: string; name: string; vals: string }>('SELECT id, name, vals FROM variables WHERE workspace_id = ?').all(workspaceId));
  const variableNames = assignNames(new NameSpace(nameKey, VARIABLE_NAME_MAX), localVariables, contents.variables, 'variable', renamed);
  const variables = contents.variables.map((item) => {
    const name = variableNames.get(item.id)!;
    const local = localVariables.get(item.id);
    const change: Change = !local
      ? 'added'
      : local.name === name && isDeepStrictEqual(mergedVariableValues(JSON.parse(local.vals) as Record<string, string>, item.values, knownEnvironments), JSON.parse(local.vals))
        ? 'unchanged'
        : 'replaced';
    return { item, change, name };
  });

  const localWorkflows = byId(
    db.prepare<[string], { id: string; name: string; definition: string }>('SELECT id, name, definition FROM workflows WHERE workspace_id = ?').all(workspaceId),
  );
  const workflows = contents.workflows.map((item) => {
    const local = localWorkflows.get(item.id);
    const change: Change = !local ? 'added' : local.name === item.name && isDeepStrictEqual(JSON.parse(local.definition), item.definition) ? 'unchanged' : 'replaced';
    return { item, change, name: item.name };
  });

  let runs: RestorePlan['runs'] = null;
  if (contents.runs) {
    const workflowIds = new Set([...localWorkflows.keys(), ...contents.workflows.map((w) => w.id)]);
    const present = new Set(
      db
        .prepare<[], { id: string }>('SELECT id FROM runs')
        .all()
        .map((row) => row.id),
    );
    const workflowNames = new Map(contents.workflows.map((w) => [w.id, w.name]));
    runs = contents.runs
      .filter((run) => workflowIds.has(run.workflowId))
      .map((item) => ({
        item,
        change: present.has(item.id) ? ('unchanged' as const) : ('added' as const),
        name: `${workflowNames.get(item.workflowId) ?? item.workflowId} · ${item.startedAt}`,
      }));
  }
  return { workspaceId, contents, environments, secrets, variables, workflows, runs, renamed };
}

function sameValue(local: LocalValue, restored: BackupSecret['values'][number] | undefined): boolean {
  if (!local || !restored) return !local && !restored;
  if (restored.source) return local.source !== null && isDeepStrictEqual(JSON.parse(local.source), restored.source);
  return local.value !== null && local.value === restored.value;
}

/** A restored variable's texts: the backup's in the environments it knows, this machine's in the others. */
export function mergedVariableValues(local: Record<string, string>, restored: Record<string, string>, knownEnvironments: ReadonlySet<string>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [environmentId, text] of Object.entries(local)) if (!knownEnvironments.has(environmentId)) merged[environmentId] = text;
  for (const [environmentId, text] of Object.entries(restored)) if (knownEnvironments.has(environmentId)) merged[environmentId] = text;
  return merged;
}
