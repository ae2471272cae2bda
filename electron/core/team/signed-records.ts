/**
 * Records of a team workspace file (secret metadata with its wrapped value, workflows)
 * and audit entries: each carries its author's Ed25519 signature over the workspace id
 * and its canonical content, so a record can't be forged, edited or moved to another
 * workspace by someone who merely writes the file.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { signBytes, verifySignature, type DeviceKeys } from '../crypto/device-keys';
import { AUDIT_ACTIONS } from '../../../shared/model/team';
import { isStamp } from './hybrid-clock';

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const signature = z.string().max(100);

export const signedRecordSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['secret', 'workflow']),
    clock: z.string().refine(isStamp, 'must be a clock stamp'),
    author: idSchema,
    /** null marks a deletion (a tombstone). */
    body: z.record(z.string(), z.unknown()).nullable(),
    sig: signature,
  })
  .strict();
export type SignedRecord = z.infer<typeof signedRecordSchema>;
export type UnsignedRecord = Omit<SignedRecord, 'sig'>;

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
    sig: signature,
  })
  .strict();
export type AuditRecord = z.infer<typeof auditRecordSchema>;

function recordText(workspaceId: string, record: UnsignedRecord): string {
  const { id, kind, clock, author, body } = record;
  return `keyflow/record/v1|${workspaceId}|${canonicalJson({ id, kind, clock, author, body })}`;
}

export function signRecord(workspaceId: string, keys: DeviceKeys, record: UnsignedRecord): SignedRecord {
  return { ...record, sig: signBytes(keys, recordText(workspaceId, record)) };
}

export function recordSignatureValid(workspaceId: string, signingKey: string, record: SignedRecord): boolean {
  return verifySignature(signingKey, recordText(workspaceId, record), record.sig);
}

/** Which of two versions of one record wins a merge: the higher clock, then the higher signature. */
export function newerRecord(a: SignedRecord, b: SignedRecord): SignedRecord {
  if (a.clock !== b.clock) return a.clock > b.clock ? a : b;
  return a.sig >= b.sig ? a : b;
}

export function auditText(workspaceId: string, entry: Omit<AuditRecord, 'sig'>): string {
  const { id, author, seq, prev, at, action, secretId, secretName, runId, detail } = entry;
  return `keyflow/audit/v1|${workspaceId}|${canonicalJson({ id, author, seq, prev, at, action, secretId, secretName, runId, detail })}`;
}

export function auditHash(entry: AuditRecord): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

export function signAudit(workspaceId: string, keys: DeviceKeys, entry: Omit<AuditRecord, 'sig'>): AuditRecord {
  return { ...entry, sig: signBytes(keys, auditText(workspaceId, entry)) };
}
