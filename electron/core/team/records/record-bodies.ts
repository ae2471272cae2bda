/**
 * What a signed record carries for a secret (its editable metadata and the wrapped value,
 * never a plaintext) and for a workflow, and the checks a body from the file must pass
 * before it touches the local store. Who created a key, its visibility and who may use it
 * are not here: the chain says them (a record's last writer can't change them).
 */
import { z } from 'zod';
import { SECRET_TYPES } from '../../../../shared/model/secret';
import { VISIBILITIES } from '../../../../shared/model/team';
import { workflowDefinitionSchema } from '../../../../shared/model/workflow';
import { accessSchema, idSchema } from '../chain/chain-link';
import { teamValueSchema } from '../team-values';

const text = (max: number) => z.string().max(max);

export const secretBodySchema = z
  .object({
    name: text(400),
    description: text(1000),
    type: z.enum(SECRET_TYPES),
    allowedDomains: z.array(text(300)).max(100),
    /** Whether Run Code variables may hold the value (left out: no). */
    readableByRunCode: z.boolean().optional(),
    /** A masked Team key's last characters; Restricted keys' hints never enter the file. */
    hint: text(16).nullable(),
    valueVersion: z.number().int().min(1),
    updatedBy: text(200),
    updatedAt: text(40),
    value: teamValueSchema,
  })
  .strict();
export type SecretBody = z.infer<typeof secretBodySchema>;

/** A secret's body as format 1 files wrote it: it also carried its creator, access and visibility. */
export const legacySecretBodySchema = secretBodySchema.extend({
  access: accessSchema,
  visibility: z.enum(VISIBILITIES),
  createdById: idSchema,
  createdBy: text(200),
  createdAt: text(40),
});
export type LegacySecretBody = z.infer<typeof legacySecretBodySchema>;

export const workflowBodySchema = z
  .object({ name: text(400), definition: workflowDefinitionSchema, createdAt: text(40), updatedAt: text(40) })
  .strict();
export type WorkflowBody = z.infer<typeof workflowBodySchema>;
