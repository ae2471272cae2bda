/**
 * The shared workspace file: one JSON document written atomically, never a live
 * database (sync services copy a database and its WAL separately and corrupt it).
 *
 *   { magic, format: 3, workspaceId, genesis,
 *     chain: [signed membership links],  commits: [signatures over records],
 *     records: [secrets, workflows and variables, each as its exact JSON text],  audit: [signed entries] }
 *
 * Format 3 added environments: chain changes that create, name, order, protect and delete
 * them, a value per environment in a key's record, and variable records. Format 2 files
 * (one value per key) are read as they are — a key's one value is its value in Default —
 * and written back as format 3, so an older Keyflow says to update rather than misread them.
 * Format 1 (Keyflow 0.1) had a linear chain and commits without context; it is read, and
 * written back in the current format (chain-link.ts and signed-records.ts keep its signatures valid).
 * Machines that hold the same links, records and entries write byte-identical files: every
 * list is sorted and every object written in canonical JSON.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../crypto/canonical-json';
import { anyLinkSchema, linkIdOf, type StoredLink } from '../chain/chain-link';
import { anyCommitSchema, MAX_RECORD_TEXT, type StoredCommit } from '../records/signed-records';
import { auditRecordSchema, type AuditRecord } from '../../audit/audit-entry';

export const WORKSPACE_FILE_MAGIC = 'keyflow-workspace';
export const WORKSPACE_FILE_FORMAT = 3;
export const WORKSPACE_FILE_EXTENSION = '.keyflow';
const KNOWN_FORMATS = [1, 2, 3];

const workspaceFileSchema = z
  .object({
    magic: z.literal(WORKSPACE_FILE_MAGIC),
    format: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    workspaceId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    genesis: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    chain: z.array(anyLinkSchema).max(1_000_000),
    commits: z.array(anyCommitSchema).max(10_000_000),
    records: z.array(z.string().max(MAX_RECORD_TEXT)).max(10_000_000),
    audit: z.array(auditRecordSchema).max(100_000_000),
  })
  .strict();

export interface WorkspaceFile {
  format: 1 | 2 | 3;
  workspaceId: string;
  /** The id of the link that created the workspace. */
  genesis: string;
  chain: StoredLink[];
  commits: StoredCommit[];
  records: string[];
  audit: AuditRecord[];
}

export class WorkspaceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceFileError';
  }
}

/** The first bytes a file of a workspace in `format` starts with (the current one by default). */
export function fileHeader(workspaceId: string, format: number = WORKSPACE_FILE_FORMAT): string {
  return `{"magic":${JSON.stringify(WORKSPACE_FILE_MAGIC)},"format":${format},"workspaceId":${JSON.stringify(workspaceId)},`;
}

/** Whether a text starts as a format 2 or later file of this workspace: a damaged copy of ours is still recognisably ours. */
export function isOwnFile(text: string, workspaceId: string): boolean {
  return KNOWN_FORMATS.some((format) => format >= 2 && text.startsWith(fileHeader(workspaceId, format)));
}

export function parseWorkspaceFile(text: string, name: string): WorkspaceFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WorkspaceFileError(`${name} is not a Keyflow workspace file (it is not valid JSON; it may be incomplete or damaged).`);
  }
  if (typeof json !== 'object' || json === null || (json as { magic?: unknown }).magic !== WORKSPACE_FILE_MAGIC) {
    throw new WorkspaceFileError(`${name} is not a Keyflow workspace file.`);
  }
  const format = (json as { format?: unknown }).format;
  if (typeof format === 'number' && Number.isInteger(format) && format > WORKSPACE_FILE_FORMAT) {
    throw new WorkspaceFileError(`${name} was written by a newer Keyflow (format ${format}); update Keyflow to open it.`);
  }
  if (!KNOWN_FORMATS.includes(format as number)) {
    throw new WorkspaceFileError(`${name} uses format ${JSON.stringify(format)}, which no version of Keyflow wrote: it was not read.`);
  }
  const parsed = workspaceFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WorkspaceFileError(`${name} is damaged: ${issue.path.join('.') || 'the file'} ${issue.message}.`);
  }
  const file = parsed.data;
  const genesis = file.genesis ?? (file.chain[0] ? linkIdOf(file.workspaceId, file.chain[0]) : '');
  return { format: file.format, workspaceId: file.workspaceId, genesis, chain: file.chain, commits: file.commits, records: file.records, audit: file.audit };
}

/** Canonical texts of links and commits by id: a link or commit never changes, so its text is made once. */
export type CanonicalTexts = Map<string, string>;

/** The file's text. Lists are sorted and objects canonical, so equal contents give equal bytes. */
export function serializeWorkspaceFile(file: WorkspaceFile, texts: CanonicalTexts = new Map(), linkIds?: readonly string[]): string {
  const canonical = (id: string, value: unknown) => {
    let text = texts.get(id);
    if (text === undefined) texts.set(id, (text = canonicalJson(value)));
    return text;
  };
  const links = file.chain
    .map((link, index) => {
      const id = linkIds?.[index] ?? linkIdOf(file.workspaceId, link);
      return { id, text: canonical(id, link) };
    })
    .sort((a, b) => compare(a.id, b.id));
  const commits = file.commits.map((commit) => ({ id: commit.id, text: canonical(commit.id, commit) })).sort((a, b) => compare(a.id, b.id));
  const audit = file.audit.map((entry) => canonicalJson(entry)).sort(compare);
  const records = [...file.records].sort(compare);
  return (
    `${fileHeader(file.workspaceId)}"genesis":${JSON.stringify(file.genesis)},` +
    `"chain":[${links.map((link) => link.text).join(',')}],` +
    `"commits":[${commits.map((commit) => commit.text).join(',')}],` +
    `"records":[${records.map((record) => JSON.stringify(record)).join(',')}],` +
    `"audit":[${audit.join(',')}]}`
  );
}

/**
 * A digest of what a file holds — its format, creation, and the ids of its links, commits,
 * records and audit entries. Honest machines serialize the same content to the same bytes,
 * so a file whose key equals what this machine would write needs no rewrite.
 */
export function contentKey(parts: {
  format: number;
  genesis: string;
  links: Iterable<string>;
  commits: Iterable<string>;
  records: Iterable<string>;
  audit: Iterable<string>;
}): string {
  const hash = createHash('sha256').update(`${parts.format}|${parts.genesis}`);
  for (const list of [parts.links, parts.commits, parts.records, parts.audit]) hash.update(`|${[...list].sort().join(',')}`);
  return hash.digest('base64url');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
