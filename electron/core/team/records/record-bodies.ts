/**
 * What a signed record carries for a secret (its editable metadata and its value in each
 * environment — wrapped, or the reference of an external source — never a plaintext), for
 * a workflow and for a plain variable, and the checks a body from the file must pass before
 * it touches the local store. Who created a key, its visibility and who may use it are not
 * here: the chain says them (a record's last writer can't change them).
 */
import { z } from 'zod';
import { SECRET_TYPES } from '../../../../shared/model/secret';
import { VISIBILITIES } from '../../../../shared/model/team';
import { workflowDefinitionSchema } from '../../../../shared/model/workflow';
import { DEFAULT_ENVIRONMENT_ID, VARIABLE_VALUE_MAX } from '../../../../shared/model/environment';
import { sourceSchema } from '../../../../shared/model/source';
import { ROTATION_DAYS_MAX } from '../../../../shared/model/rotation';
import { accessSchema, idSchema } from '../chain/chain-link';
import { teamValueSchema } from '../team-values';

const text = (max: number) => z.string().max(max);
const valueVersion = z.number().int().min(1);

/** A key's value in one environment: sealed and wrapped for who may use it there, or the reference of an external source (no value, no wrap). */
export const environmentValueSchema = z.union([
  z
    .object({
      valueVersion,
      /** A masked Team key's last characters; Restricted keys' hints never enter the file. */
      hint: text(16).nullable(),
      value: teamValueSchema,
    })
    .strict(),
  z.object({ valueVersion, source: sourceSchema }).strict(),
]);
export type EnvironmentValue = z.infer<typeof environmentValueSchema>;

export const secretBodySchema = z
  .object({
    name: text(400),
    description: text(1000),
    type: z.enum(SECRET_TYPES),
    allowedDomains: z.array(text(300)).max(100),
    /** Whether Run Code variables may hold the value (left out: no). */
    readableByRunCode: z.boolean().optional(),
    updatedBy: text(200),
    updatedAt: text(40),
    /** Rotation reminders (left out: none; files from before them have neither). */
    expiresAt: text(40).optional(),
    rotationDays: z.number().int().min(1).max(ROTATION_DAYS_MAX).optional(),
    /** By environment id; an environment without an entry has no value. */
    values: z.record(idSchema, environmentValueSchema).refine((values) => Object.keys(values).length <= 1000, 'has too many environments'),
  })
  .strict();
export type SecretBody = z.infer<typeof secretBodySchema>;

/** A secret's body as Keyflow wrote it before environments (format 2 files, and format 1 below): one value. */
export const singleValueBodySchema = z
  .object({
    name: text(400),
    description: text(1000),
    type: z.enum(SECRET_TYPES),
    allowedDomains: z.array(text(300)).max(100),
    /** Whether Run Code variables may hold the value (left out: no). */
    readableByRunCode: z.boolean().optional(),
    hint: text(16).nullable(),
    valueVersion,
    updatedBy: text(200),
    updatedAt: text(40),
    value: teamValueSchema,
  })
  .strict();

/** A single-value body read today: its value is the key's value in the Default environment. */
export function fromSingleValue(body: z.infer<typeof singleValueBodySchema>): SecretBody {
  const { hint, valueVersion: version, value, ...rest } = body;
  return { ...rest, values: { [DEFAULT_ENVIRONMENT_ID]: { valueVersion: version, hint, value } } };
}

/** A secret's body as format 1 files wrote it: it also carried its creator, access and visibility. */
export const legacySecretBodySchema = singleValueBodySchema.extend({
  access: accessSchema,
  visibility: z.enum(VISIBILITIES),
  createdById: idSchema,
  createdBy: text(200),
  createdAt: text(40),
});
export type LegacySecretBody = z.infer<typeof legacySecretBodySchema>;

/** A plain variable: its text in each environment that has one (not secret: no seal). */
export const variableBodySchema = z
  .object({
    name: text(400),
    values: z.record(idSchema, z.string().max(VARIABLE_VALUE_MAX)).refine((values) => Object.keys(values).length <= 1000, 'has too many environments'),
    createdAt: text(40),
    updatedAt: text(40),
  })
  .strict();
export type VariableBody = z.infer<typeof variableBodySchema>;

export const workflowBodySchema = z.object({ name: text(400), definition: workflowDefinitionSchema, createdAt: text(40), updatedAt: text(40) }).strict();
export type WorkflowBody = z.infer<typeof workflowBodySchema>;
