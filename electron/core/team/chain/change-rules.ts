/**
 * Whether a link's author may make each of its changes at the point of the graph where
 * they made it, and what each change does to that point's state (so the next change of
 * the same link is judged on it).
 */
import { canCreateSecrets, isAdmin, ROLE_LABELS, type MemberDevice, type PublicIdentity, type SecretAccess } from '../../../../shared/model/team';
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

/** Why the device `signerId` was not acting for a member at `state`. */
function notActing(state: DraftSnapshot, signerId: string): string {
  const device = state.everDevices.get(signerId);
  const member = device && state.members.get(device.memberId);
  if (member) return `That device of ${member.name} was removed from this workspace.`;
  return `${state.everMembers.get(device?.memberId ?? signerId)?.name ?? device?.name ?? signerId} is not a member of this workspace.`;
}

/**
 * Why an identity can't join as a member, or as a device of `asDeviceOf`: an identity is
 * only ever one member's — a device never moves to someone else, nor becomes a member. (A
 * removed one may be added back to the same member by an Admin who saw the removal, as a
 * removed member may: what it did at the same time as its removal stays set aside.)
 */
function identityProblem(state: DraftSnapshot, identity: PublicIdentity, asDeviceOf?: string): string | null {
  if (memberIdOf(identity) !== identity.memberId) return 'The identity does not match its keys.';
  const owner = asDeviceOf ?? identity.memberId;
  const device = state.everDevices.get(identity.memberId);
  if (device && device.memberId !== owner) return `That identity is a device of ${state.everMembers.get(device.memberId)?.name ?? device.memberId} here: a device is one person’s.`;
  if (identity.memberId !== owner && state.everMembers.has(identity.memberId)) return 'That identity is a member’s: a device needs an identity of its own.';
  return null;
}

/** Why the device `signerId` may not make `change` on top of `state`, or null when it may (it acts with its member's rights). */
export function changeProblem(state: DraftSnapshot, signerId: string, change: ChainChange): string | null {
  const authorId = state.memberIdOf(signerId);
  const author = authorId === undefined ? undefined : state.members.get(authorId);
  if (!authorId || !author) return notActing(state, signerId);
  if (isEnvironmentChange(change)) {
    if (!isAdmin(author.role)) return `Only Owners and Admins manage environments; ${author.name} is ${ROLE_LABELS[author.role]}.`;
    const stranger =
      change.type === 'protect-environment' && change.runGrants.find((grant) => (grant.kind === 'member' ? !state.members.has(grant.id) : !state.groups.has(grant.id)));
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
      return identityProblem(state, change.member) ?? membershipChangeProblem(state, authorId, change);
    case 'add-device':
      return identityProblem(state, change.device, change.memberId) ?? membershipChangeProblem(state, authorId, change);
    default:
      return membershipChangeProblem(state, authorId, change);
  }
}

/** Applies an allowed change, signed by the device `signerId`, to the draft state of its link. */
export function applyToDraft(state: DraftSnapshot, signerId: string, at: string, change: ChainChange): void {
  const authorId = state.memberIdOf(signerId) ?? signerId;
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
      state.devices.set(change.member.memberId, []);
      state.addDevice(change.member.memberId, deviceOf(change.member, at, authorId));
      break;
    case 'add-device':
      state.addDevice(change.memberId, deviceOf(change.device, at, authorId));
      break;
    case 'remove-device':
      state.removeDevice(change.memberId, change.deviceId);
      break;
    case 'set-role':
      state.members.set(change.memberId, { ...state.members.get(change.memberId)!, role: change.role });
      break;
    case 'remove-member':
      state.members.delete(change.memberId);
      state.devices.delete(change.memberId);
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

function deviceOf(identity: PublicIdentity, addedAt: string, addedById: string): MemberDevice {
  return { deviceId: identity.memberId, name: identity.name, signingKey: identity.signingKey, boxKey: identity.boxKey, addedAt, addedById };
}
