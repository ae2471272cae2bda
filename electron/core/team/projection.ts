/**
 * Writes what counts in a team workspace (workspace-evaluation.ts) into the local tables
 * the stores read: a row per live key with a version that counts, under the name every
 * machine shows it with, and a row per workflow. Rows whose source didn't change are left
 * alone, so a sync that brings one change writes one row.
 */
import { createHash } from 'node:crypto';
import { secretNameKey } from '../../../shared/model/secret';

import type { SecretReplica, SecretReplicas } from '../secrets/secret-replicas';
import type { WorkflowReplicas } from '../workflows/workflow-replicas';
import type { KeyInfo } from './chain/chain-state';
import type { WorkspaceEvaluation, HeldVersion } from './workspace-evaluation';
import { encodeTeamValue } from './team-values';

export interface ProjectionTargets {
  secrets: SecretReplicas;
  workflows: WorkflowReplicas;
  /** A masked Restricted key's hint, from its value, when this person may open it (hints of Restricted keys stay out of the file). */
  localHint(id: string, replica: SecretReplica): string | null;
  /** A row's value is about to be replaced by another version, or the row removed (runs keep masking the old value). */
  retiring(id: string): void;
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

/** Projects `evaluation` (of the keys and workflows `only` names, when given); returns whether any row changed. */
export function project(evaluation: WorkspaceEvaluation, targets: ProjectionTargets, only?: ReadonlySet<string>): boolean {
  const final = evaluation.chain.final;
  const secrets: ProjectedSecret[] = [];
  for (const [id, held] of evaluation.winners) {
    if (held.record.kind !== 'secret' || held.body?.kind !== 'secret') continue;
    const key = final.key(id);
    if (!key || key.deleted) continue;
    secrets.push({ id, held, key, name: held.body.body.name });
  }
  const names = shownNames(secrets.map(({ id, name, key }) => ({ id, name, createdAt: key.createdAt })));
  let changed = false;
  const current = targets.secrets.sources();
  const currentNames = targets.secrets.names();
  const writes: { id: string; replica: SecretReplica; source: string }[] = [];
  for (const secret of secrets) {
    if (only && !only.has(secret.id)) continue;
    const { body, legacy } = secret.held.body as Extract<HeldVersion['body'], { kind: 'secret' }>;
    const createdBy = final.everMembers.get(secret.key.createdById)?.name ?? legacy?.createdBy ?? 'Unknown';
    const replica: SecretReplica = {
      name: names.get(secret.id)!,
      description: body.description,
      type: body.type,
      allowedDomains: body.allowedDomains,
      readableByRunCode: body.readableByRunCode ?? false,
      access: secret.key.access,
      visibility: secret.key.visibility,
      hint: secret.key.visibility === 'masked' && secret.key.access.kind === 'team' ? body.hint : null,
      valueVersion: body.valueVersion,
      createdById: secret.key.createdById,
      createdBy,
      createdAt: secret.key.createdAt,
      updatedBy: body.updatedBy,
      updatedAt: body.updatedAt,
      sealedValue: encodeTeamValue(body.value),
    };
    const source = fingerprint(secret.held.row.hash, [replica.name, replica.access, replica.visibility, replica.createdById, replica.createdBy, replica.createdAt]);
    if (current.get(secret.id) === source) continue;
    if (secret.key.visibility === 'masked' && secret.key.access.kind === 'restricted') replica.hint = targets.localHint(secret.id, replica);
    writes.push({ id: secret.id, replica, source });
  }
  const live = new Set(secrets.map((secret) => secret.id));
  const gone = [...current.keys()].filter((id) => !live.has(id) && (!only || only.has(id)));
  if (writes.length > 0 || gone.length > 0) {
    changed = true;
    const versions = targets.secrets.valueVersions();
    for (const write of writes) if (versions.has(write.id) && versions.get(write.id) !== write.replica.valueVersion) targets.retiring(write.id);
    for (const id of gone) {
      targets.retiring(id);
      targets.secrets.remove(id);
    }
    targets.secrets.park(writes.filter((write) => currentNames.has(write.id) && currentNames.get(write.id) !== write.replica.name).map((write) => write.id));
    for (const write of writes) targets.secrets.put(write.id, write.replica, write.source);
  }

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

/** What a row was projected from: the version, and the chain's facts about the key (which change without a new version). */
function fingerprint(hash: string, facts: unknown[]): string {
  return `${hash}|${createHash('sha256').update(JSON.stringify(facts)).digest('base64url').slice(0, 22)}`;
}

