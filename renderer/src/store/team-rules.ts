/**
 * Who may do what to whom in the Team view: the membership rules main enforces
 * (shared/model/membership-rules.ts), asked from where the view stands — my role, one target.
 */
import {
  assignableRoles as rolesFor,
  canAddDevice as mayAddDevice,
  canRemoveDevice as mayRemoveDevice,
  canRemoveMember as mayRemove,
  roleChoices as choicesFor,
  type MembershipView,
} from '../../../shared/model/membership-rules';
import type { Member, MemberDevice, Role } from '../../../shared/model/team';

/** The part of the membership these questions depend on: me, and the member they are about. */
function viewOf(myRole: Role, me: string, target?: Member): MembershipView {
  const members = new Map<string, Member>([[me, { memberId: me, name: 'me', email: '', signingKey: '', boxKey: '', role: myRole }]]);
  if (target && target.memberId !== me) members.set(target.memberId, target);
  return { members, groups: new Map() };
}

/** The roles I may give a new member: Owners any; Admins any but Owner; others none. */
export function assignableRoles(myRole: Role): readonly Role[] {
  return rolesFor(viewOf(myRole, 'me'), 'me');
}

/** The roles I may move `target` between, or null when I can't change their role. */
export function roleChoices(myRole: Role, target: Member, me: string): readonly Role[] | null {
  return choicesFor(viewOf(myRole, me, target), me, target);
}

/** Whether I may remove `target`: Owners anyone else, Admins anyone else but Owners. */
export function canRemoveMember(myRole: Role, target: Member, me: string): boolean {
  return mayRemove(viewOf(myRole, me, target), me, target);
}

/** Whether I may add a device to `target` (Owners anyone's, Admins anyone's but an Owner's, mine included). */
export function canAddDevice(myRole: Role, target: Member, me: string): boolean {
  return mayAddDevice(viewOf(myRole, me, target), me, target);
}

/** Whether I may remove one of `target`'s devices (never their last). */
export function canRemoveDevice(myRole: Role, target: Member, me: string, devices: readonly MemberDevice[], deviceId: string): boolean {
  return mayRemoveDevice(viewOf(myRole, me, target), me, target, devices, deviceId);
}
