/**
 * Whether a record version from the workspace file may be accepted: signed by a valid
 * commit of its author, made by a member allowed to make it, and well-formed.
 */
import { isAdmin, secretRights, type Member } from '../../../shared/model/team';
import type { SecretReplica } from '../secrets/secret-store';
import type { Membership } from './membership-chain';
import { secretBodySchema, workflowBodySchema, type SecretBody } from './record-bodies';
import { commitSignatureValid, recordSchema, type Commit, type SignedRecord } from './signed-records';

/** For every record hash listed by a commit whose signature checks out: that commit. */
export function commitsByRecordHash(workspaceId: string, commits: readonly Commit[], known: ReadonlyMap<string, string>, membership: Membership): Map<string, Commit> {
  const signedBy = new Map<string, Commit>();
  for (const commit of commits) {
    const author = membership.everMembers.get(commit.author);
    const valid = known.get(commit.id) === JSON.stringify(commit) || (author !== undefined && commitSignatureValid(workspaceId, author.signingKey, commit));
    if (valid) for (const hash of commit.records) signedBy.set(hash, commit);
  }
  return signedBy;
}

/** A record version from its text, or null when it isn't one. */
export function parseRecord(text: string): SignedRecord | null {
  try {
    const parsed = recordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Why a record version can't be accepted, or null. `prior` is the secret as accepted
 * here before (an Editor's change is judged by the grants it had).
 */
export function recordProblem(record: SignedRecord, commit: Commit | undefined, membership: Membership, prior: SecretReplica | null): string | null {
  const label = `A change to a ${record.kind} (${record.id})`;
  if (!commit || commit.author !== record.author) {
    return `${label} was refused: its signature is invalid (it was altered after it was signed, or never signed by a member).`;
  }
  const author = membership.members.get(record.author);
  if (!author) return `${label} by ${membership.everMembers.get(record.author)?.name ?? record.author} was refused: they are not a member of the workspace.`;
  if (author.role === 'viewer') return `${label} by ${author.name} was refused: Viewers can’t change the workspace.`;
  if (record.body === null) return record.kind === 'secret' ? secretRightProblem(label, author, null, prior, membership) : null;
  const schema = record.kind === 'secret' ? secretBodySchema : workflowBodySchema;
  const parsed = schema.safeParse(record.body);
  if (!parsed.success) return `${label} by ${author.name} was refused: it is malformed.`;
  return record.kind === 'secret' ? secretRightProblem(label, author, parsed.data as SecretBody, prior, membership) : null;
}

function secretRightProblem(label: string, author: Member, body: SecretBody | null, prior: SecretReplica | null, membership: Membership): string | null {
  if (isAdmin(author.role)) return null;
  if (prior) {
    const rights = secretRights(author.role, author.memberId, prior, [...membership.groups.values()]);
    if (!rights.manage) return `${label} by ${author.name} was refused: they may not manage that secret key.`;
    if (body && body.createdById !== prior.createdById) return `${label} by ${author.name} was refused: it changes who owns the key.`;
    return null;
  }
  if (body && (body.createdById !== author.memberId || !membership.settings.editorsCanCreateSecrets)) {
    return `${label} by ${author.name} was refused: they may not create secret keys for others, or Editors may not create keys.`;
  }
  return null;
}
