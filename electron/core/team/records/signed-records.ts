/**
 * Records of a team workspace file (secrets' metadata with their wrapped values,
 * workflows, plain variables) and the commits that sign them. Everything signed names the workspace, so
 * nothing can be forged, edited or moved to another workspace by someone who merely
 * writes the file.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { signBytes, verifySignature, type DeviceKeys } from '../../crypto/device-keys';
import { idSchema } from '../chain/chain-link';
import { isStamp } from '../hybrid-clock';

/**
 * One version of a record. The file carries each as its exact JSON text, which is what a
 * commit's hash covers: checking a record that didn't change costs one hash of a string,
 * and only records that did change are parsed.
 */
export const recordSchema = z
  .object({
    id: idSchema,
    kind: z.enum(['secret', 'workflow', 'variable']),
    clock: z.string().refine(isStamp, 'must be a clock stamp'),
    author: idSchema,
    /** null marks a deletion (a tombstone; format 1 files deleted secrets this way too). */
    body: z.record(z.string(), z.unknown()).nullable(),
  })
  .strict();
export type SignedRecord = z.infer<typeof recordSchema>;
/** What a record says besides its body (a version held here keeps only its body as checked). */
export type RecordHeader = Omit<SignedRecord, 'body'>;

export const MAX_RECORD_TEXT = 1024 * 1024;

const recordHashSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const commitIdSchema = z.string().regex(/^[0-9a-f]{32}$/);
const linkIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * One signature over every record a member wrote at once, as git signs a commit: it
 * lists the hash of each record version, and the chain links its author had seen (the
 * `context` the records were made in: the rights that allowed them are judged there).
 * A record counts only if a valid commit by its author lists its exact hash.
 */
export const commitSchema = z
  .object({
    v: z.literal(2),
    id: commitIdSchema,
    author: idSchema,
    at: z.string().max(40),
    context: z.array(linkIdSchema).max(64),
    records: z.array(recordHashSchema).max(1_000_000),
    sig: z.string().max(100),
  })
  .strict();

/** A commit as format 1 files wrote it: no context (its records are judged by the whole chain). */
export const legacyCommitSchema = z
  .object({ id: commitIdSchema, author: idSchema, at: z.string().max(40), records: z.array(recordHashSchema).max(1_000_000), sig: z.string().max(100) })
  .strict();

export const anyCommitSchema = z.union([commitSchema, legacyCommitSchema]);
export type StoredCommit = z.infer<typeof anyCommitSchema>;

export interface Commit {
  id: string;
  author: string;
  at: string;
  /** null for a format 1 commit. */
  context: string[] | null;
  records: string[];
  stored: StoredCommit;
}

export function toCommit(stored: StoredCommit): Commit {
  return { id: stored.id, author: stored.author, at: stored.at, context: 'v' in stored ? stored.context : null, records: stored.records, stored };
}

/** The hash a commit lists for a record version: over its exact text, in this workspace. */
export function recordHash(workspaceId: string, text: string): string {
  return createHash('sha256').update(`keyflow/record/v1|${workspaceId}|`).update(text).digest('base64url');
}

function commitText(workspaceId: string, commit: Pick<Commit, 'author' | 'at' | 'context' | 'records'>): string {
  return commit.context === null
    ? `keyflow/commit/v1|${workspaceId}|${commit.author}|${commit.at}|${commit.records.join(',')}`
    : `keyflow/commit/v2|${workspaceId}|${commit.author}|${commit.at}|${commit.context.join(',')}|${commit.records.join(',')}`;
}

const commitIdOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

export function signCommit(workspaceId: string, keys: DeviceKeys, at: string, context: readonly string[], hashes: string[]): Commit {
  const unsigned = { author: keys.memberId, at, context: [...context].sort(), records: hashes };
  const text = commitText(workspaceId, unsigned);
  return toCommit({ v: 2, id: commitIdOf(text), ...unsigned, sig: signBytes(keys, text) });
}

export function commitSignatureValid(workspaceId: string, signingKey: string, commit: Commit): boolean {
  const text = commitText(workspaceId, commit);
  return commitIdOf(text) === commit.id && verifySignature(signingKey, text, commit.stored.sig);
}

/** Whether version `a` of a record wins over version `b`: the higher clock, then the higher hash. */
export function supersedes(a: { clock: string; hash: string }, b: { clock: string; hash: string }): boolean {
  return a.clock !== b.clock ? a.clock > b.clock : a.hash > b.hash;
}
