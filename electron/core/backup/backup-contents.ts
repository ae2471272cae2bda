/**
 * What a backup holds (the payload inside the encrypted file): one workspace's environments,
 * keys with their values per environment in plain text (this exists only in main-process
 * memory and inside the encrypted file), the earlier values runs go on masking, plain
 * variables, workflows and, when asked for, run history (already redacted).
 */
import { z } from 'zod';
import { SECRET_TYPES, SECRET_DESCRIPTION_MAX, SECRET_NAME_MAX, SECRET_VALUE_MAX_BYTES } from '../../../shared/model/secret';
import { VISIBILITIES } from '../../../shared/model/team';
import { sourceSchema } from '../../../shared/model/source';
import { workflowDefinitionSchema } from '../../../shared/model/workflow';
import { MAX_ENVIRONMENTS, VARIABLE_VALUE_MAX } from '../../../shared/model/environment';
import type { Db } from '../db/database';
import type { Vault } from '../vault/vault';
import { retiredValueContext } from '../redaction/retired-values';
import { APP_VERSION } from '../version';

export const CONTENTS_FORMAT = 1;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');
const time = z.string().max(40);
const name = z
  .string()
  .min(1)
  .max(SECRET_NAME_MAX * 4);
const value = z.string().min(1).max(SECRET_VALUE_MAX_BYTES);

const storedValue = z
  .object({ environmentId: id, version: z.number().int().min(1), value: value.optional(), source: sourceSchema.optional() })
  .strict()
  .refine((entry) => (entry.value === undefined) !== (entry.source === undefined), 'holds a value or a source, not both');

export const backupContentsSchema = z
  .object({
    format: z.literal(CONTENTS_FORMAT),
    createdAt: time,
    appVersion: z.string().max(40),
    workspace: z.object({ id, name: z.string().max(400), kind: z.enum(['personal', 'team']) }).strict(),
    environments: z
      .array(z.object({ id, name, position: z.number().int(), protected: z.boolean() }).strict())
      .min(1)
      .max(MAX_ENVIRONMENTS),
    secrets: z.array(
      z
        .object({
          id,
          name,
          description: z.string().max(SECRET_DESCRIPTION_MAX),
          type: z.enum(SECRET_TYPES),
          allowedDomains: z.array(z.string().max(300)),
          readableByRunCode: z.boolean(),
          visibility: z.enum(VISIBILITIES),
          createdBy: z.string().max(400),
          createdAt: time,
          updatedBy: z.string().max(400),
          updatedAt: time,
          lastUsedAt: time.nullable(),
          values: z.array(storedValue).max(MAX_ENVIRONMENTS),
        })
        .strict(),
    ),
    retired: z.array(z.object({ secretId: id, environmentId: id, version: z.number().int().min(1), name: z.string().max(400), retiredAt: time, value }).strict()),
    variables: z.array(z.object({ id, name, values: z.record(id, z.string().max(VARIABLE_VALUE_MAX)), createdAt: time, updatedAt: time }).strict()),
    workflows: z.array(z.object({ id, name, definition: workflowDefinitionSchema, createdAt: time, updatedAt: time }).strict()),
    runs: z
      .array(
        z
          .object({
            id,
            workflowId: id,
            status: z.enum(['pending', 'running', 'ok', 'failed', 'cancelled']),
            startedAt: time,
            finishedAt: time.nullable(),
            steps: z.string(),
            trigger: z.enum(['app', 'cli']),
            failedStepIndex: z.number().int().nullable(),
            failedStepName: z.string().nullable(),
            environment: z.string().nullable(),
          })
          .strict(),
      )
      .nullable(),
  })
  .strict();

export type BackupContents = z.infer<typeof backupContentsSchema>;
export type BackupSecret = BackupContents['secrets'][number];

/** The workspace to back up, as this person holds it. */
export interface BackupSource {
  workspace: BackupContents['workspace'];
  /** Opens a stored value; null when this person holds no key to it (a team value not shared with them). */
  open(stored: { secretId: string; environmentId: string; version: number; sealed: Buffer }): string | null;
  /** Whether this person may see the key (a team's restricted keys they can't see are left out). */
  sees(secretId: string): boolean;
}

interface SecretRow {
  id: string;
  name: string;
  description: string;
  type: BackupSecret['type'];
  allowed_domains: string;
  readable_by_code: number;
  visibility: BackupSecret['visibility'];
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  last_used_at: string | null;
}

interface ValueRow {
  secret_id: string;
  environment_id: string;
  value_version: number;
  sealed_value: Buffer | null;
  source: string | null;
}

/** Reads the workspace's rows and opens every value this person holds, in memory. */
export function collectBackup(db: Db, vault: Vault, source: BackupSource, options: { includeRuns: boolean; now: Date }): BackupContents {
  const workspaceId = source.workspace.id;
  const valuesBySecret = new Map<string, BackupSecret['values']>();
  const valueRows = db
    .prepare<[string], ValueRow>('SELECT secret_id, environment_id, value_version, sealed_value, source FROM secret_values WHERE workspace_id = ?')
    .all(workspaceId);
  for (const row of valueRows) {
    if (!source.sees(row.secret_id)) continue;
    let entry: BackupSecret['values'][number] | null = null;
    if (row.source !== null) entry = { environmentId: row.environment_id, version: row.value_version, source: JSON.parse(row.source) as BackupSecret['values'][number]['source'] };
    else {
      const opened = source.open({ secretId: row.secret_id, environmentId: row.environment_id, version: row.value_version, sealed: row.sealed_value! });
      if (opened !== null) entry = { environmentId: row.environment_id, version: row.value_version, value: opened };
    }
    if (!entry) continue;
    const list = valuesBySecret.get(row.secret_id) ?? [];
    list.push(entry);
    valuesBySecret.set(row.secret_id, list);
  }
  const secrets = db
    .prepare<[string], SecretRow>(
      `SELECT id, name, description, type, allowed_domains, readable_by_code, visibility, created_by, created_at, updated_by, updated_at, last_used_at
       FROM secrets WHERE workspace_id = ? ORDER BY name_key`,
    )
    .all(workspaceId)
    .filter((row) => source.sees(row.id))
    .map((row): BackupSecret => ({
      id: row.id,
      name: row.name,
      description: row.description,
      type: row.type,
      allowedDomains: JSON.parse(row.allowed_domains) as string[],
      readableByRunCode: row.readable_by_code === 1,
      visibility: row.visibility,
      createdBy: row.created_by,
      createdAt: row.created_at,
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
      lastUsedAt: row.last_used_at,
      values: valuesBySecret.get(row.id) ?? [],
    }));
  const retired = db
    .prepare<[string], { secret_id: string; environment_id: string; version: number; name: string; retired_at: string; sealed_value: Buffer }>(
      'SELECT secret_id, environment_id, version, name, retired_at, sealed_value FROM retired_values WHERE workspace_id = ?',
    )
    .all(workspaceId)
    .flatMap((row) => {
      try {
        const value = vault.open(retiredValueContext(workspaceId, row.secret_id, row.environment_id, row.version), row.sealed_value);
        return [{ secretId: row.secret_id, environmentId: row.environment_id, version: row.version, name: row.name, retiredAt: row.retired_at, value }];
      } catch {
        return []; // sealed under a master key this vault no longer has
      }
    });
  const environments = db
    .prepare<[string], { id: string; name: string; position: number; protected: number }>(
      'SELECT id, name, position, protected FROM environments WHERE workspace_id = ? ORDER BY position',
    )
    .all(workspaceId)
    .map((row) => ({ id: row.id, name: row.name, position: row.position, protected: row.protected === 1 }));
  const variables = db
    .prepare<[string], { id: string; name: string; vals: string; created_at: string; updated_at: string }>(
      'SELECT id, name, vals, created_at, updated_at FROM variables WHERE workspace_id = ?',
    )
    .all(workspaceId)
    .map((row) => ({ id: row.id, name: row.name, values: JSON.parse(row.vals) as Record<string, string>, createdAt: row.created_at, updatedAt: row.updated_at }));
  const workflows = db
    .prepare<[string], { id: string; name: string; definition: string; created_at: string; updated_at: string }>(
      'SELECT id, name, definition, created_at, updated_at FROM workflows WHERE workspace_id = ?',
    )
    .all(workspaceId)
    .map((row) => ({
      id: row.id,
      name: row.name,
      definition: JSON.parse(row.definition) as BackupContents['workflows'][number]['definition'],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  const runs = options.includeRuns
    ? db
        .prepare<
          [string],
          {
            id: string;
            workflow_id: string;
            status: string;
            started_at: string;
            finished_at: string | null;
            steps: string;
            trigger: string;
            failed_step_index: number | null;
            failed_step_name: string | null;
            environment: string | null;
          }
        >('SELECT id, workflow_id, status, started_at, finished_at, steps, trigger, failed_step_index, failed_step_name, environment FROM runs WHERE workspace_id = ?')
        .all(workspaceId)
        .map((row) => ({
          id: row.id,
          workflowId: row.workflow_id,
          status: row.status as NonNullable<BackupContents['runs']>[number]['status'],
          startedAt: row.started_at,
          finishedAt: row.finished_at,
          steps: row.steps,
          trigger: row.trigger as 'app' | 'cli',
          failedStepIndex: row.failed_step_index,
          failedStepName: row.failed_step_name,
          environment: row.environment,
        }))
    : null;
  return {
    format: CONTENTS_FORMAT,
    createdAt: options.now.toISOString(),
    appVersion: APP_VERSION,
    workspace: source.workspace,
    environments,
    secrets,
    retired,
    variables,
    workflows,
    runs,
  };
}
