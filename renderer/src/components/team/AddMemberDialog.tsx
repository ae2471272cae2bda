import { useState } from 'react';
import { ROLE_LABELS, type Member, type Role } from '../../../../shared/model/team';
import { useSubmission } from '../../hooks/use-submission';
import { useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { assignableRoles } from '../../store/team-rules';
import { Field } from '../common/Field';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { IdentityToAddFields, useIdentityToAdd } from './IdentityToAdd';

const NO_MEMBERS: readonly Member[] = [];

const ROLE_HINTS: Readonly<Record<Role, string>> = {
  owner: 'Everything, including managing other Owners.',
  admin: 'Manages members (not Owners), groups, settings and every key.',
  editor: 'Edits and runs workflows with the keys they may use.',
  viewer: 'Sees workflows and key names; can’t edit or run.',
};

/** Add member: paste someone's shared identity, compare its fingerprint with them, pick a role (team.addMember). */
export function AddMemberDialog({ myRole, onClose, returnFocusTo }: DialogProps & { myRole: Role }) {
  const addMember = useTeam((state) => state.addMember);
  const members = useTeam((state) => state.details?.members ?? NO_MEMBERS);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const roles = assignableRoles(myRole);
  const [role, setRole] = useState<Role>(roles.includes('editor') ? 'editor' : (roles[0] ?? 'viewer'));
  const toAdd = useIdentityToAdd(submission);
  const { identity, checked } = toAdd;
  const already = checked ? members.find((member) => member.memberId === checked.memberId) : undefined;
  const problem = already ? `${already.name} is already a member (${ROLE_LABELS[already.role]}).` : null;

  return (
    <FormDialog
      title="Add member"
      description="Ask the person for their identity (Your identity › Share your identity), paste it here, and compare its fingerprint with them over another channel before adding them."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!toAdd.pasted.problem && checked !== null && !toAdd.checkProblem && !problem && toAdd.compared}
      fields={['identity', 'role']}
      submitLabel="Add member"
      wide
      onSubmit={async () => {
        if (!identity) return;
        await addMember(identity.json, role);
        announce(`${identity.name} added as ${ROLE_LABELS[role]}`);
        onClose();
      }}
    >
      <IdentityToAddFields
        state={toAdd}
        submission={submission}
        problem={problem}
        heading="Who you are adding"
        confirmation={{
          who: identity?.name ?? '',
          note: `Call ${identity?.name ?? 'them'} (or meet them) and have them read the fingerprint in their Your identity dialog. Add them only if every group matches: otherwise someone changed the text on its way to you.`,
        }}
      />
      <Field label="Role" hint={ROLE_HINTS[role]} error={submission.errorFor('role')} alert>
        {(control) => (
          <select {...control} className="input select" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {roles.map((option) => (
              <option key={option} value={option}>
                {ROLE_LABELS[option]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </FormDialog>
  );
}
