/**
 * Whether a link's author may make each of its changes at the point of the graph where
 * they made it, and what each change does to that point's state (so the next change of
 * the same link is judged on it).
 */
import { canCreateSecrets, isAdmin, ROLE_LABELS, type SecretAccess } from '../../../../shared/model/team';
import { environmentChangeProblem, isEnvironmentChange } from '../../environments/environment-change';
import { membershipChangeProblem } from '../../../../shared/model/membership-rules';
import { memberIdOf } from '../../crypto/device-keys';
import type { ChainChange } from './chain-link';
import type { DraftSnapshot } from './chain-state';

function unknownPrincipal(state: DraftSnapshot, access: SecretAccess): string | null {
  if (access.kind === 'team') return null;
  const seen = new Set<string>();
  for (const grant of access.grants) {
    const key = `${grant.principal.kind}:${grant.principal.id}`;
    if (seen.has(key)) return 'A person or group is granted access twice.';
    seen.add(key);
    const known = grant.principal.kind === 'member' ? state.members.has(grant.principal.id) : state.groups.has(grant.principal.id);
    if (!known) return `The ${grant.principal.kind === 'member' ? 'person' : 'group'} ${grant.principal.id} is not in this workspace.`;
  }
  return null;
}

/** Why `authorId` may not make `change` on top of `state`, or null when they may. */
export function changeProblem(state: DraftSnapshot, authorId: string, change: ChainChange): string | null {
  const author = state.members.get(authorId);
  if (!author) return `${state.everMembers.get(authorId)?.name ?? authorId} is not a member of this workspace.`;
  if (isEnvironmentChange(change)) {
    if (!isAdmin(author.role)) return `Only Owners and Admins manage environments; ${author.name} is ${ROLE_LABELS[author.role]}.`;
    const stranger = change.type === 'protect-environment' && change.runGrants.find((grant) => (grant.kind === 'member' ? !state.members.has(grant.id) : !state.groups.has(grant.id)));
    if (stranger) return `The ${stranger.kind === 'member' ? 'person' : 'group'} ${stranger.id} is not in this workspace.`;
    return environmentChangeProblem(state.environmentList, change);
  }
  switch (change.type) {
    case 'create':
      return 'A workspace can only be created once.';
    case 'create-key': {
      if (!canCreateSecrets(author.role, state.settings)) return `${author.name} may not create secret keys.`;
      if (state.key(change.keyId) || state.inChain(change.keyId)) return 'A secret key with that id already exists.';
      return unknownPrincipal(state, change.access);
    }
    case 'adopt-key':
      if (author.role !== 'owner' && author.role !== 'admin') return 'Only Owners and Admins carry keys of an older workspace file into the chain.';
      if (state.inChain(change.keyId)) return 'That secret key is already in the chain.';
      return null;
    case 'set-access':
    case 'delete-key': {
      const key = state.key(change.keyId);
      if (!key || key.deleted) return 'That secret key no longer exists.';
      if (!state.inChain(change.keyId)) return 'That key comes from an older workspace file: an Owner or Admin must open the workspace with this version of Keyflow first.';
      if (!state.rightsOn(authorId, change.keyId).manage) return `${author.name} may not manage that secret key.`;
      return change.type === 'set-access' ? unknownPrincipal(state, change.access) : null;
    }
    case 'add-member':
      if (memberIdOf(change.member) !== change.member.memberId) return 'The identity does not match its keys.';
      return membershipChangeProblem(state, authorId, change);
    default:
      return membershipChangeProblem(state, authorId, change);
  }
}

/** Applies an allowed change to the draft state of its link. */
export function applyToDraft(state: DraftSnapshot, authorId: string, at: string, change: ChainChange): void {
  if (isEnvironmentChange(change)) {
    state.applyEnvironmentChange(change);
    return;
  }
  switch (change.type) {
    case 'create':
      break;
    case 'add-member':
      state.members.set(change.member.memberId, { ...change.member, role: change.role });
      state.everMembers.set(change.member.memberId, change.member);
      break;
    case 'set-role':
      state.members.set(change.memberId, { ...state.members.get(change.memberId)!, role: change.role });
      break;
    case 'remove-member':
      state.members.delete(change.memberId);
      for (const [id, group] of state.groups) {
        if (group.memberIds.includes(change.memberId)) state.groups.set(id, { ...group, memberIds: group.memberIds.filter((m) => m !== change.memberId) });
      }
      break;
    case 'save-group':
      state.groups.set(change.group.id, change.group);
      break;
    case 'delete-group':
      state.groups.delete(change.groupId);
      break;
    case 'set-settings':
      state.settings = change.settings;
      break;
    case 'create-key':
      state.setKey(change.keyId, { createdById: authorId, createdAt: at, visibility: change.visibility, access: change.access, deleted: false });
      break;
    case 'set-access':
      state.setKey(change.keyId, { ...state.key(change.keyId)!, access: change.access });
      break;
    case 'delete-key':
      state.setKey(change.keyId, { ...state.key(change.keyId)!, deleted: true });
      break;
    case 'adopt-key':
      state.setKey(change.keyId, { createdById: change.createdById, createdAt: change.createdAt, visibility: change.visibility, access: change.access, deleted: false });
      break;
  }
}
