/**
 * Carries out a restore plan in one SQLite transaction: a crash (even SIGKILL) leaves the
 * database as it was or fully restored, never between. Values are sealed again under this
 * machine's master key, bound to the workspace they now belong to. A value replaced here is
 * retired first, so runs go on masking it.
 */
import { TEAM_ACCESS, valueHint } from '../../../shared/model/team';
import { workflowDefinitionSchema } from '../../../shared/model/workflow';
import type { RestoreResult } from '../../../shared/model/backup';
import type { Db } from '../db/database';
import { statementCache } from '../db/statements';
import type { SealContext } from '../vault/envelope';
import { retiredValueContext } from '../redaction/retired-values';
import { indexReferences } from '../workflows/reference-index';
import { secretNameKey } from '../../../shared/model/secret';
import { nameKey } from '../../../shared/model/environment';
import { mergedVariableValues, type RestorePlan } from './restore-plan';

export interface RestoreWriter {
  seal(context: SealContext, plaintext: string): Buffer;
  /** Who restores (the keys are theirs here). */
  me: { id: string; name: string };
  now: Date;
}

/** Frees a name for the transaction's length: restored items may swap names with each other. */
const parked = (id: string) => `\u0000restore:${id}`;

export function applyRestore(db: Db, plan: RestorePlan, writer: RestoreWriter): RestoreResult {
  const prepare = statementCache(db);
  const ws = plan.workspaceId;
  const now = writer.now.toISOString();
  const changed = <P extends { change: string }>(items: P[]) => items.filter((p) => p.change !== 'unchanged');
  const result: RestoreResult = { keys: 0, environments: 0, variables: 0, workflows: 0, runs: 0 };

  const environments = changed(plan.environments);
  const secrets = changed(plan.secrets);
  const variables = changed(plan.variables);
  const knownEnvironments = new Set(plan.contents.environments.map((e) => e.id));

  for (const { item } of environments) prepare('UPDATE environments SET name_key = ? WHERE workspace_id = ? AND id = ?').run(parked(item.id), ws, item.id);
  for (const { item } of secrets) prepare('UPDATE secrets SET name_key = ? WHERE workspace_id = ? AND id = ?').run(parked(item.id), ws, item.id);
  for (const { item } of variables) prepare('UPDATE variables SET name_key = ? WHERE workspace_id = ? AND id = ?').run(parked(item.id), ws, item.id);

  let position = (prepare<[string], { last: number | null }>('SELECT MAX(position) AS last FROM environments WHERE workspace_id = ?').get(ws)?.last ?? -1) + 1;
  for (const { item, change, name } of environments) {
    if (change === 'added')
      prepare('INSERT INTO environments (workspace_id, id, name, name_key, position, protected) VALUES (?, ?, ?, ?, ?, ?)').run(
        ws,
        item.id,
        name,
        nameKey(name),
        position++,
        item.protected ? 1 : 0,
      );
    else prepare('UPDATE environments SET name = ?, name_key = ?, protected = ? WHERE workspace_id = ? AND id = ?').run(name, nameKey(name), item.protected ? 1 : 0, ws, item.id);
    result.environments++;
  }

  const retire = (secretId: string, environmentId: string, version: number, name: string, value: string) =>
    prepare('INSERT OR IGNORE INTO retired_values (workspace_id, secret_id, environment_id, version, name, retired_at, sealed_value) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      ws,
      secretId,
      environmentId,
      version,
      name,
      now,
      writer.seal(retiredValueContext(ws, secretId, environmentId, version), value),
    );
  for (const { item, change, name, local } of secrets) {
    const columns = [name, secretNameKey(name), item.description, item.type, JSON.stringify(item.allowedDomains), item.readableByRunCode ? 1 : 0, item.visibility] as const;
    if (change === 'added') {
      prepare(
        `INSERT INTO secrets (workspace_id, id, name, name_key, description, type, allowed_domains, readable_by_code, visibility, created_by, created_at, updated_by, updated_at, last_used_at, access, created_by_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(ws, item.id, ...columns, item.createdBy, item.createdAt, item.updatedBy, item.updatedAt, item.lastUsedAt, JSON.stringify(TEAM_ACCESS), writer.me.id);
    } else {
      prepare(
        `UPDATE secrets SET name = ?, name_key = ?, description = ?, type = ?, allowed_domains = ?, readable_by_code = ?, visibility = ?, updated_by = ?, updated_at = ?
         WHERE workspace_id = ? AND id = ?`,
      ).run(...columns, writer.me.name, now, ws, item.id);
    }
    const restored = new Map(item.values.filter((v) => knownEnvironments.has(v.environmentId)).map((v) => [v.environmentId, v]));
    for (const environmentId of knownEnvironments) {
      const here = local.get(environmentId);
      const incoming = restored.get(environmentId);
      const same = here && incoming && (incoming.source ? here.source === JSON.stringify(incoming.source) : here.value === incoming.value);
      if (same || (!here && !incoming)) continue;
      if (here?.value) retire(item.id, environmentId, here.version, name, here.value);
      if (!incoming) {
        prepare('DELETE FROM secret_values WHERE workspace_id = ? AND secret_id = ? AND environment_id = ?').run(ws, item.id, environmentId);
        continue;
      }
      const version = here ? Math.max(here.version + 1, incoming.version) : incoming.version;
      const context = { workspaceId: ws, secretId: item.id, version, environmentId };
      prepare(
        `INSERT INTO secret_values (workspace_id, secret_id, environment_id, value_version, sealed_value, source, hint) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, secret_id, environment_id) DO UPDATE SET value_version = excluded.value_version, sealed_value = excluded.sealed_value, source = excluded.source, hint = excluded.hint`,
      ).run(
        ws,
        item.id,
        environmentId,
        version,
        incoming.value !== undefined ? writer.seal(context, incoming.value) : null,
        incoming.source ? JSON.stringify(incoming.source) : null,
        incoming.value !== undefined ? valueHint(incoming.value, item.visibility) : null,
      );
    }
    result.keys++;
  }
  for (const value of plan.contents.retired) {
    if (!knownEnvironments.has(value.environmentId)) continue;
    retire(value.secretId, value.environmentId, value.version, value.name, value.value);
  }

  for (const { item, change, name } of variables) {
    if (change === 'added') {
      const values = mergedVariableValues({}, item.values, knownEnvironments);
      prepare('INSERT INTO variables (workspace_id, id, name, name_key, vals, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        ws,
        item.id,
        name,
        nameKey(name),
        JSON.stringify(values),
        item.createdAt,
        item.updatedAt,
      );
    } else {
      const localValues = JSON.parse(prepare<[string, string], { vals: string }>('SELECT vals FROM variables WHERE workspace_id = ? AND id = ?').get(ws, item.id)!.vals) as Record<
        string,
        string
      >;
      prepare('UPDATE variables SET name = ?, name_key = ?, vals = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
        name,
        nameKey(name),
        JSON.stringify(mergedVariableValues(localValues, item.values, knownEnvironments)),
        now,
        ws,
        item.id,
      );
    }
    result.variables++;
  }

  for (const { item, change } of changed(plan.workflows)) {
    const definition = workflowDefinitionSchema.parse(item.definition);
    if (change === 'added')
      prepare('INSERT INTO workflows (workspace_id, id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        ws,
        item.id,
        item.name,
        JSON.stringify(definition),
        item.createdAt,
        item.updatedAt,
      );
    else
      prepare('UPDATE workflows SET name = ?, definition = ?, updated_at = ?, replica_of = NULL WHERE workspace_id = ? AND id = ?').run(
        item.name,
        JSON.stringify(definition),
        now,
        ws,
        item.id,
      );
    indexReferences(prepare, ws, item.id, definition);
    result.workflows++;
  }

  for (const { item } of changed(plan.runs ?? [])) {
    prepare(
      `INSERT OR IGNORE INTO runs (id, workspace_id, workflow_id, status, started_at, finished_at, steps, trigger, failed_step_index, failed_step_name, environment)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(item.id, ws, item.workflowId, item.status, item.startedAt, item.finishedAt, item.steps, item.trigger, item.failedStepIndex, item.failedStepName, item.environment);
    result.runs++;
  }
  return result;
}
