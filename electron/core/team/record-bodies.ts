/**
 * What a signed record carries for a secret (metadata and the wrapped value, never a
 * plaintext) and for a workflow, and the checks a body from the file must pass before it
 * touches the local store.
 */
import { z } from 'zod';
import { SECRET_TYPES } from '../../../shared/model/secret';
import { GRANT_LEVELS, VISIBILITIES } from '../../../shared/model/team';
import { workflowDefinitionSchema } from '../../../shared/model/workflow';
import { teamValueSchema } from './team-values';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const text = (max: number) => z.string().max(max);

export const secretBodySchema = z
  .object({
    name: text(400),
    description: text(1000),
    type: z.enum(SECRET_TYPES),
    allowedDomains: z.array(text(300)).max(100),
    access: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('team') }).strict(),
      z
        .object({
          kind: z.literal('restricted'),
          grants: z.array(z.object({ principal: z.object({ kind: z.enum(['member', 'group']), id }).strict(), level: z.enum(GRANT_LEVELS) }).strict()).max(500),
        })
        .strict(),
    ]),
    visibility: z.enum(VISIBILITIES),
    hint: text(16).nullable(),
    valueVersion: z.number().int().min(1),
    createdById: id,
    createdBy: text(200),
    createdAt: text(40),
    updatedBy: text(200),
    updatedAt: text(40),
    value: teamValueSchema,
  })
  .strict();
export type SecretBody = z.infer<typeof secretBodySchema>;

export const workflowBodySchema = z
  .object({ name: text(400), definition: workflowDefinitionSchema, createdAt: text(40), updatedAt: text(40) })
  .strict();
export type WorkflowBody = z.infer<typeof workflowBodySchema>;
