/**
 * Who may change a team workspace's membership, and how (PRODUCT.md, "Roles"): the one
 * statement of these rules. Main checks every membership change against them (a change
 * in the shared file counts only if its author held the right); the Team view asks them
 * which controls to offer.
 */
import { isAdmin, ROLE_LABELS, type Group, type Member, type MemberDevice, type PublicIdentity, type Role, type WorkspaceSettings } from './team';

export type MembershipChange =
  | { type: 'add-member'; member: PublicIdentity; role: Role }
  | { type: 'set-role'; memberId: string; role: Role }
  | { type: 'remove-member'; memberId: string }
  | { type: 'save-group'; group: Group }
  | { type: 'delete-group'; groupId: string }
  | { type: 'set-settings'; settings: WorkspaceSettings }
  | { type: 'add-device'; memberId: string; device: PublicIdentity }
  | { type: 'remove-device'; memberId: string; deviceId: string };

export interface MembershipView {
  members: ReadonlyMap<string, Member>;
  groups: ReadonlyMap<string, Group>;
  /** Each member's current devices (needed for device changes). */
  devices?: ReadonlyMap<string, readonly Pick<MemberDevice, 'deviceId'>[]>;
}

function owners(view: MembershipView): number {
  let count = 0;
  for (const member of view.members.values()) if (member.role === 'owner') count++;
  return count;
}

/** Why `authorId` may not make `change` in `view`, or null when they may. */
export function membershipChangeProblem(view: MembershipView, authorId: string, change: MembershipChange): string | null {
  const author = view.members.get(authorId);
  if (!author) return 'They are not a member of this workspace.';
  if (!isAdmin(author.role)) return `Only Owners and Admins can change members, groups or settings; ${author.name} is ${ROLE_LABELS[author.role]}.`;
  const ownerOnly = (what: string) => (author.role === 'owner' ? null : `Only an Owner can ${what}.`);
  switch (change.type) {
    case 'add-member':
      if (view.members.has(change.member.memberId)) return `${change.member.name} is already a member.`;
      return change.role === 'owner' ? ownerOnly('add an Owner') : null;
    case 'set-role': {
      const target = view.members.get(change.memberId);
      if (!target) return 'That person is not a member of this workspace.';
      if (target.role === 'owner' || change.role === 'owner') {
        const problem = ownerOnly('change who is an Owner');
        if (problem) return problem;
      }
      if (target.role === 'owner' && change.role !== 'owner' && owners(view) === 1) return 'The workspace must keep at least one Owner.';
      return null;
    }
    case 'remove-member': {
      const target = view.members.get(change.memberId);
      if (!target) return 'That person is not a member of this workspace.';
      if (target.role === 'owner') return ownerOnly('remove an Owner') ?? (owners(view) === 1 ? 'The workspace must keep at least one Owner.' : null);
      return null;
    }
    case 'save-group': {
      const stranger = change.group.memberIds.find((id) => !view.members.has(id));
      return stranger ? `Group member ${stranger} is not a member of this workspace.` : null;
    }
    case 'delete-group':
      return view.groups.has(change.groupId) ? null : 'That group no longer exists.';
    case 'set-settings':
      return null;
    // A device acts with its member's rights: giving one to an Owner, or taking one away, is an Owner's call, as adding or removing an Owner is.
    case 'add-device': {
      const target = view.members.get(change.memberId);
      if (!target) return 'That person is not a member of this workspace.';
      if ([...(view.devices?.values() ?? [])].some((devices) => devices.some((device) => device.deviceId === change.device.memberId)))
        return 'That device is already in this workspace.';
      return target.role === 'owner' ? ownerOnly('add a device to an Owner') : null;
    }
    case 'remove-device': {
      const target = view.members.get(change.memberId);
      if (!target) return 'That person is not a member of this workspace.';
      const devices = view.devices?.get(change.memberId) ?? [];
      if (!devices.some((device) => device.deviceId === change.deviceId)) return `That device is not one of ${target.name}’s devices.`;
      if (devices.length === 1) return `That is ${target.name}’s only device: remove ${target.name} instead.`;
      return target.role === 'owner' ? ownerOnly('remove a device of an Owner') : null;
    }
  }
}

/** The roles I may give a new member: Owners any; Admins any but Owner; others none. */
export function assignableRoles(view: MembershipView, me: string): Role[] {
  const myRole = view.members.get(me)?.role;
  if (!myRole || !isAdmin(myRole)) return [];
  return (['owner', 'admin', 'editor', 'viewer'] as const).filter((role) => role !== 'owner' || myRole === 'owner');
}

/**
 * The roles I may move `target` between, or null when I can't change their role. The Team
 * view doesn't offer changing your own role (an Owner hands over by making another Owner first).
 */
export function roleChoices(view: MembershipView, me: string, target: Member): Role[] | null {
  if (target.memberId === me) return null;
  if (membershipChangeProblem(view, me, { type: 'set-role', memberId: target.memberId, role: target.role })) return null;
  return assignableRoles(view, me);
}

/** Whether I may add a device to `target` (myself included: a new machine of mine). */
export function canAddDevice(view: MembershipView, me: string, target: Member): boolean {
  const probe = { memberId: '', name: '', email: '', signingKey: '', boxKey: '' };
  return membershipChangeProblem(view, me, { type: 'add-device', memberId: target.memberId, device: probe }) === null;
}

/** Whether I may remove one of `target`'s devices (`devices`: theirs now). */
export function canRemoveDevice(view: MembershipView, me: string, target: Member, devices: readonly Pick<MemberDevice, 'deviceId'>[], deviceId: string): boolean {
  const withDevices = { ...view, devices: new Map([[target.memberId, devices]]) };
  return membershipChangeProblem(withDevices, me, { type: 'remove-device', memberId: target.memberId, deviceId }) === null;
}

/** Whether I may remove `target` (never myself here). */
export function canRemoveMember(view: MembershipView, me: string, target: Member): boolean {
  return target.memberId !== me && membershipChangeProblem(view, me, { type: 'remove-member', memberId: target.memberId }) === null;
}
