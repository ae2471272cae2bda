/**
 * Taking in what a workspace file carries: each link, commit, record version and audit
 * entry is kept only if it is signed by the person it names (with the keys the chain's
 * invitations hold for them). Whether what is kept counts is the evaluation's business,
 * done afresh over everything held (workspace-evaluation.ts).
 */
import { memberIdOf } from '../crypto/device-keys';
import { linkSignatureValid, toChainLink, type ChainLink, type StoredLink } from './chain/chain-link';
import { parseRecordText } from './records/record-text';
import { commitSignatureValid, recordHash, toCommit, type Commit } from './records/signed-records';
import type { WorkspaceFile } from './file/workspace-file';
import type { TeamWorkspace } from './team-workspace';

/** Every device's signing key, from the invitations, added devices (and the creation) in these links. */
export function signingKeys(links: Iterable<ChainLink>): Map<string, string> {
  const keys = new Map<string, string>();
  for (const link of links) {
    for (const change of link.changes) {
      const identity = change.type === 'create' ? change.owner : change.type === 'add-member' ? change.member : change.type === 'add-device' ? change.device : null;
      if (identity && memberIdOf(identity) === identity.memberId) keys.set(identity.memberId, identity.signingKey);
    }
  }
  return keys;
}

/** The links of `stored` signed by their authors; `known` ids were checked before. */
export function verifiedLinks(
  workspaceId: string,
  stored: readonly StoredLink[],
  known: ReadonlySet<string>,
  heldLinks: readonly ChainLink[] = [],
): { links: ChainLink[]; refused: number } {
  const candidates = stored.map((link) => toChainLink(workspaceId, link));
  const keys = signingKeys([...heldLinks, ...candidates]);
  const links: ChainLink[] = [];
  let refused = 0;
  for (const link of candidates) {
    const key = keys.get(link.author);
    if (known.has(link.id) || (key !== undefined && linkSignatureValid(workspaceId, link, key))) links.push(link);
    else refused++;
  }
  return { links, refused };
}

export interface Ingested {
  /** Links new here. */
  linkIds: string[];
  /** The hash of every record text the file carries. */
  recordHashes: string[];
  versions: number;
  audit: number;
  refusedLinks: number;
  refusedRecords: number;
  refusedAudit: number;
}

/** Keeps what `file` carries that is new here and properly signed. */
export function ingestFile(workspace: TeamWorkspace, file: WorkspaceFile): Ingested {
  const { repository, versions, commits } = workspace;
  const held = workspace.resolved.graph.links;
  const heldIds = new Set(held.map((link) => link.id));
  const { links, refused: refusedLinks } = verifiedLinks(workspace.id, file.chain, heldIds, held);
  const keys = signingKeys([...held, ...links]);
  const result: Ingested = { linkIds: [], recordHashes: [], versions: 0, audit: 0, refusedLinks, refusedRecords: 0, refusedAudit: 0 };
  repository.transaction(() => {
    for (const link of links) {
      if (heldIds.has(link.id)) continue;
      repository.putLink(link);
      result.linkIds.push(link.id);
    }
    // Every commit that lists a hash may sign it; a record counts with the one by its own author.
    const signers = new Map<string, Commit[]>();
    for (const stored of file.commits) {
      const commit = toCommit(stored);
      for (const hash of commit.records) {
        const list = signers.get(hash) ?? [];
        list.push(commit);
        signers.set(hash, list);
      }
    }
    for (const text of file.records) {
      const hash = recordHash(workspace.id, text);
      result.recordHashes.push(hash);
      if (versions.byHash.has(hash)) continue;
      const record = parseRecordText(text);
      const key = record && keys.get(record.author);
      const commit =
        key &&
        (signers.get(hash) ?? []).find((candidate) => candidate.author === record!.author && (commits.has(candidate.id) || commitSignatureValid(workspace.id, key, candidate)));
      if (!record || !commit) {
        result.refusedRecords++;
        continue;
      }
      if (!commits.has(commit.id)) {
        repository.putCommit(commit);
        commits.set(commit.id, commit);
      }
      const row = { hash, id: record.id, kind: record.kind, clock: record.clock, author: record.author, commit: commit.id, text, context: null };
      repository.putVersion(row);
      versions.add(row, record);
      result.versions++;
    }
    const before = workspace.audit.all().length;
    result.refusedAudit = workspace.audit.ingest(file.audit, (memberId) => keys.get(memberId));
    result.audit = workspace.audit.all().length - before;
  });
  return result;
}
