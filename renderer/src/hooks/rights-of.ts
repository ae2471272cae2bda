import { canCreateSecrets, canEditWorkflows, canManageMembers, isAdmin, type Role } from '../../../shared/model/team';

/** What the views offer me in the active workspace. */
export interface MyRights {
  role: Role;
  admin: boolean;
  manageMembers: boolean;
  editWorkflows: boolean;
  createSecrets: boolean;
}

export function rightsOf(role: Role, editorsCanCreateSecrets: boolean): MyRights {
  return {
    role,
    admin: isAdmin(role),
    manageMembers: canManageMembers(role),
    editWorkflows: canEditWorkflows(role),
    createSecrets: canCreateSecrets(role, { editorsCanCreateSecrets }),
  };
}
