/**
 * One signed entry of the audit trail, as the workspace file carries it. Each author's
 * entries form a hash chain (`seq`, `prev`), so one can't be dropped from the middle,
 * reordered or edited; `context` names the chain links its author had seen, where its
 * right to act on the key is judged (format 1 entries have none).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { signBytes, type DeviceKeys } from '../crypto/device-keys';
import { AUDIT_ACTIONS } from '../../../shared/model/team';

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const auditRecordSchema = z
  .object({
    id: idSchema,
    author: idSchema,
    /** Position in the author's own hash chain, from 1. */
    seq: z.number().int().min(1),
    /** Hash of the author's previous entry ('' for the first). */
    prev: z.string().max(64),
    at: z.string().max(40),
    action: z.enum(AUDIT_ACTIONS),
    secretId: idSchema,
    secretName: z.string().max(400),
    runId: idSchema.nullable(),
    detail: z.string().max(1000),
    context: z
      .array(z.string().regex(/^[0-9a-f]{64}$/))
      .max(64)
      .optional(),
    sig: z.string().max(100),
  })
  .strict();
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export function auditText(workspaceId: string, entry: Omit<AuditRecord, 'sig'>): string {
  const { id, author, seq, prev, at, action, secretId, secretName, runId, detail, context } = entry;
  const body = canonicalJson({ id, author, seq, prev, at, action, secretId, secretName, runId, detail, context });
  return `keyflow/audit/${context === undefined ? 'v1' : 'v2'}|${workspaceId}|${body}`;
}

export function auditHash(entry: AuditRecord): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

export function signAudit(workspaceId: string, keys: DeviceKeys, entry: Omit<AuditRecord, 'sig'>): AuditRecord {
  return { ...entry, sig: signBytes(keys, auditText(workspaceId, entry)) };
}
