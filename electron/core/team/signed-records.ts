/**
 * Records of a team workspace file (secret metadata with its wrapped value, workflows),
 * the commits that sign them, and audit entries. Everything signed names the workspace,
 * so nothing can be forged, edited or moved to another workspace by someone who merely
 * writes the file.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { signBytes, verifySignature, type DeviceKeys } from '../crypto/device-keys';
import { AUDIT_ACTIONS } from '../../../shared/model/team';
import { isStamp } from './hybrid-clock';

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const signature = z.string().max(100);

/**
 * One version of a record. The file carries each as its exact JSON text, which is what a
 * commit's hash covers: checking a record that didn't change costs one hash of a string,
 * and only records that did change are parsed.
 */
export const recordSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['secret', 'workflow']),
    clock: z.string().refine(isStamp, 'must be a clock stamp'),
    author: idSchema,
    /** null marks a deletion (a tombstone). */
    body: z.record(z.string(), z.unknown()).nullable(),
  })
  .strict();
export type SignedRecord = z.infer<typeof recordSchema>;

export const MAX_RECORD_TEXT = 1024 * 1024;

/**
 * One signature over every record a member wrote at once, as git signs a commit: it
 * lists the hash of each record version. A record counts only if a valid commit by its
 * author lists its exact hash, so a changed byte anywhere in it is detected; verifying a
 * 10,000-record file costs one signature check per write instead of one per record.
 */
export const commitSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{32}$/),
    author: idSchema,
    at: z.string().max(40),
    records: z.array(z.string().regex(/^[A-Za-z0-9_-]{43}$/)).max(1_000_000),
    sig: signature,
  })
  .strict();
export type Commit = z.infer<typeof commitSchema>;

/** The hash a commit lists for a record version: over its exact text, in this workspace. */
export function recordHash(workspaceId: string, text: string): string {
  return createHash('sha256').update(`keyflow/record/v1|${workspaceId}|`).update(text).digest('base64url');
}

function commitText(workspaceId: string, commit: Omit<Commit, 'id' | 'sig'>): string {
  return `keyflow/commit/v1|${workspaceId}|${commit.author}|${commit.at}|${commit.records.join(',')}`;
}

export function signCommit(workspaceId: string, keys: DeviceKeys, at: string, hashes: string[]): Commit {
  const unsigned = { author: keys.memberId, at, records: hashes };
  const text = commitText(workspaceId, unsigned);
  return { id: createHash('sha256').update(text).digest('hex').slice(0, 32), ...unsigned, sig: signBytes(keys, text) };
}

export function commitSignatureValid(workspaceId: string, signingKey: string, commit: Commit): boolean {
  const text = commitText(workspaceId, commit);
  return createHash('sha256').update(text).digest('hex').slice(0, 32) === commit.id && verifySignature(signingKey, text, commit.sig);
}

/** Whether version `a` of a record wins a merge over version `b`: the higher clock, then the higher hash. */
export function supersedes(a: { clock: string; hash: string }, b: { clock: string; hash: string }): boolean {
  return a.clock !== b.clock ? a.clock > b.clock : a.hash > b.hash;
}

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
