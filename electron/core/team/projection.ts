/**
 * Writes what counts in a team workspace (workspace-evaluation.ts) into the local tables
 * the stores read: its environments, a row per live key with a version that counts (its
 * values in the environments that exist), under the name every machine shows it with, a
 * row per variable and per workflow. Rows whose source didn't change are left alone, so a
 * sync that brings one change writes one row.
 */
import { createHash } from 'node:crypto';
import { secretNameKey } from '../../../shared/model/secret';

import type { ReplicaValue, SecretReplica, SecretReplicas } from '../secrets/secret-replicas';
import type { WorkflowReplicas } from '../workflows/workflow-replicas';
import type { EnvironmentRows } from '../environments/environment-rows';
import type { VariableRows } from '../environments/variable-rows';
import type { KeyInfo } from './chain/chain-state';
import type { WorkspaceEvaluation, HeldVersion } from './workspace-evaluation';
import { encodeTeamValue } from './team-values';

export interface ProjectionTargets {
  secrets: SecretReplicas;
  workflows: WorkflowReplicas;
  environments: EnvironmentRows;
  variables: VariableRows;
  /** A masked Restricted key's hint in an environment, from its value, when this person may open it (hints of Restricted keys stay out of the file). */
  localHint(id: string, environmentId: string, value: ReplicaValue): string | null;
  /** A row's value in an environment (or in every one) is about to be replaced by another version, or removed (runs keep masking the old value). */
  retiring(id: string, environmentId?: string): void;
}

interface ProjectedSecret {
  id: string;
  held: HeldVersion;
  key: KeyInfo;
  name: string;
}

/**
 * The names keys are shown with: when several live keys share a name (people created
 * "Stripe" at the same time on different machines), the one created first keeps it and the
 * others get " (2)", " (3)"… — the same on every machine, since it depends only on what
 * counts.
 */
export function shownNames(keys: readonly { id: string; name: string; createdAt: string }[]): Map<string, string> {
  const ordered = [...keys].sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : 1));
  const taken = new Set<string>();
  const shown = new Map<string, string>();
  const clashes: typeof ordered = [];
  for (const key of ordered) {
    if (taken.has(secretNameKey(key.name))) clashes.push(key);
    else {
      taken.add(secretNameKey(key.name));
      shown.set(key.id, key.name);
    }
  }
  for (const key of clashes) {
    let n = 2;
    while (taken.has(secretNameKey(`${key.name} (${n})`))) n++;
    const name = `${key.name} (${n})`;
    taken.add(secretNameKey(name));
    shown.set(key.id, name);
  }
  return shown;
}

/** Values in environments about to go are retired first (replacing the environments deletes them). */
function retireValuesOfGoneEnvironments(targets: ProjectionTargets, alive: ReadonlySet<string>): void {
  const gone = targets.environments.list().filter((environment) => !alive.has(environment.id));
  if (gone.length === 0) return;
  for (const [id, versions] of targets.secrets.valueVersions()) {
    for (const environment of gone) if (versions.has(environment.id)) targets.retiring(id, environment.id);
  }
}

/** Projects `evaluation` (of the keys and workflows `only` names, when given); returns whether any row changed. */
export function project(evaluation: WorkspaceEvaluation, targets: ProjectionTargets, only?: ReadonlySet<string>): boolean {
  const final = evaluation.chain.final;
  const environments = final.environmentList;
  const alive = new Set(environments.map((environment) => environment.id));
  if (!only) retireValuesOfGoneEnvironments(targets, alive);
  let changed = only ? false : targets.environments.replaceAll(environments);
  const secrets: ProjectedSecret[] = [];
  for (const [id, held] of evaluation.winners) {
    if (held.record.kind !== 'secret' || held.body?.kind !== 'secret') continue;
    const key = final.key(id);
    if (!key || key.deleted) continue;
    secrets.push({ id, held, key, name: held.body.body.name });
  }
  const names = shownNames(secrets.map(({ id, name, key }) => ({ id, name, createdAt: key.createdAt })));
  const current = targets.secrets.sources();
  const currentNames = targets.secrets.names();
  const writes: { id: string; replica: SecretReplica; source: string }[] = [];
  for (const secret of secrets) {
    if (only && !only.has(secret.id)) continue;
    const { body, legacy } = secret.held.body as Extract<HeldVersion['body'], { kind: 'secret' }>;
    const name = names.get(secret.id)!;
    const createdBy = final.everMembers.get(secret.key.createdById)?.name ?? legacy?.createdBy ?? 'Unknown';
    // Checked before the row is built: most rows of a sync are unchanged.
    const source = fingerprint(secret.held.row.hash, [name, secret.key.access, secret.key.visibility, secret.key.createdById, createdBy, secret.key.createdAt, environments]);
    if (current.get(secret.id) === source) continue;
    const teamHint = secret.key.visibility === 'masked' && secret.key.access.kind === 'team';
    const values: Record<string, ReplicaValue> = {};
    // Values of environments deleted since they were written don't count.
    for (const [environmentId, entry] of Object.entries(body.values)) {
      if (!alive.has(environmentId)) continue;
      values[environmentId] =
        'value' in entry
          ? { valueVersion: entry.valueVersion, hint: teamHint ? entry.hint : null, sealedValue: encodeTeamValue(entry.value), source: null }
          : { valueVersion: entry.valueVersion, hint: null, sealedValue: null, source: entry.source };
    }
    const replica: SecretReplica = {
      name,
      description: body.description,
      type: body.type,
      allowedDomains: body.allowedDomains,
      readableByRunCode: body.readableByRunCode ?? false,
      expiresAt: body.expiresAt ?? null,
      rotationDays: body.rotationDays ?? null,
      access: secret.key.access,
      visibility: secret.key.visibility,
      values,
      createdById: secret.key.createdById,
      createdBy,
      createdAt: secret.key.createdAt,
      updatedBy: body.updatedBy,
      updatedAt: body.updatedAt,
    };
    if (secret.key.visibility === 'masked' && secret.key.access.kind === 'restricted') {
      for (const [environmentId, value] of Object.entries(values)) if (value.sealedValue) value.hint = targets.localHint(secret.id, environmentId, value);
    }
    writes.push({ id: secret.id, replica, source });
  }
  const live = new Set(secrets.map((secret) => secret.id));
  const gone = [...current.keys()].filter((id) => !live.has(id) && (!only || only.has(id)));
  if (writes.length > 0 || gone.length > 0) {
    changed = true;
    const versions = targets.secrets.valueVersions();
    for (const write of writes) {
      for (const [environmentId, version] of versions.get(write.id) ?? []) {
        if (write.replica.values[environmentId]?.valueVersion !== version) targets.retiring(write.id, environmentId);
      }
    }
    for (const id of gone) {
      targets.retiring(id);
      targets.secrets.remove(id);
    }
    targets.secrets.park(writes.filter((write) => currentNames.has(write.id) && currentNames.get(write.id) !== write.replica.name).map((write) => write.id));
    for (const write of writes) targets.secrets.put(write.id, write.replica, write.source);
  }

  changed = projectVariables(evaluation, targets, alive, only) || changed;

  const workflows = targets.workflows.sources();
  const liveWorkflows = new Set<string>();
  for (const [id, held] of evaluation.winners) {
    if (held.record.kind !== 'workflow' || held.body?.kind !== 'workflow' || (only && !only.has(id))) continue;
    liveWorkflows.add(id);
    if (workflows.get(id) === held.row.hash) continue;
    targets.workflows.put(id, held.body.body, held.row.hash);
    changed = true;
  }
  for (const id of workflows.keys()) {
    if (liveWorkflows.has(id) || (only && !only.has(id))) continue;
    targets.workflows.remove(id);
    changed = true;
  }
  return changed;
}

/** Variables, under names every machine shows alike, with their texts in the environments that exist. */
function projectVariables(evaluation: WorkspaceEvaluation, targets: ProjectionTargets, alive: ReadonlySet<string>, only?: ReadonlySet<string>): boolean {
  const variables: { id: string; held: HeldVersion; body: Extract<HeldVersion['body'], { kind: 'variable' }>['body'] }[] = [];
  for (const [id, held] of evaluation.winners) if (held.record.kind === 'variable' && held.body?.kind === 'variable') variables.push({ id, held, body: held.body.body });
  const names = shownNames(variables.map(({ id, body }) => ({ id, name: body.name, createdAt: body.createdAt })));
  const current = targets.variables.sources();
  const writes = variables.flatMap(({ id, held, body }) => {
    if (only && !only.has(id)) return [];
    const values = Object.fromEntries(Object.entries(body.values).filter(([environmentId]) => alive.has(environmentId)));
    const source = fingerprint(held.row.hash, [names.get(id), Object.keys(values)]);
    return current.get(id) === source ? [] : [{ row: { id, name: names.get(id)!, values, createdAt: body.createdAt, updatedAt: body.updatedAt }, source }];
  });
  const live = new Set(variables.map((variable) => variable.id));
  const gone = [...current.keys()].filter((id) => !live.has(id) && (!only || only.has(id)));
  for (const id of gone) targets.variables.remove(id);
  targets.variables.park(writes.map((write) => write.row.id).filter((id) => current.has(id)));
  for (const write of writes) targets.variables.put(write.row, write.source);
  return writes.length > 0 || gone.length > 0;
}

/** What a row was projected from: the version, and the chain's facts about the key (which change without a new version). */
function fingerprint(hash: string, facts: unknown[]): string {
  return `${hash}|${createHash('sha256').update(JSON.stringify(facts)).digest('base64url').slice(0, 22)}`;
}
