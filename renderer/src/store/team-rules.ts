/**
 * Who may do what to whom in the Team view: the rules main enforces (PRODUCT.md, "Roles"),
 * mirrored so the view offers only what main will accept.
 */
import { isAdmin, ROLES, type Member, type Role } from '../../../shared/model/team';

/** The roles I may give a new member: Owners any; Admins any but Owner; others none. */
export function assignableRoles(myRole: Role): readonly Role[] {
  if (myRole === 'owner') return ROLES;
  if (myRole === 'admin') return ROLES.filter((role) => role !== 'owner');
  return [];
}

/**
 * The roles `target` may be moved between by me, or null when I can't change their role:
 * only Owners and Admins change roles, Admins neither change an Owner nor make one, and
 * nobody changes their own role here (an Owner hands over by making another Owner first).
 */
export function roleChoices(myRole: Role, target: Member, me: string): readonly Role[] | null {
  if (target.memberId === me || !isAdmin(myRole)) return null;
  if (myRole === 'admin' && target.role === 'owner') return null;
  return assignableRoles(myRole);
}

/** Whether I may remove `target`: Owners anyone else, Admins anyone else but Owners. */
export function canRemoveMember(myRole: Role, target: Member, me: string): boolean {
  return roleChoices(myRole, target, me) !== null;
}
