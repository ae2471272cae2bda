import { useEffect, useId, useState } from 'react';
import { ROLE_LABELS, type Member, type Role } from '../../../../shared/model/team';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { checkIdentity, parseIdentityText, type IdentityCheck } from '../../store/identity-text';
import { assignableRoles } from '../../store/team-rules';
import { Field } from '../common/Field';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';
import { FingerprintView } from '../workspaces/FingerprintView';

const NO_MEMBERS: readonly Member[] = [];

const ROLE_HINTS: Readonly<Record<Role, string>> = {
  owner: 'Everything, including managing other Owners.',
  admin: 'Manages members (not Owners), groups, settings and every key.',
  editor: 'Edits and runs workflows with the keys they may use.',
  viewer: 'Sees workflows and key names; can’t edit or run.',
};

/** Add member: paste someone's shared identity, compare its fingerprint with them, pick a role (team.addMember). */
export function AddMemberDialog({ myRole, onClose, returnFocusTo }: DialogProps & { myRole: Role }) {
  const id = useId();
  const addMember = useTeam((state) => state.addMember);
  const members = useTeam((state) => state.details?.members ?? NO_MEMBERS);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const roles = assignableRoles(myRole);
  const [role, setRole] = useState<Role>(roles.includes('editor') ? 'editor' : (roles[0] ?? 'viewer'));
  const [compared, setCompared] = useState(false);
  const [check, setCheck] = useState<IdentityCheck | null>(null);

  const pasted = useTextField(submission, 'identity', '', (text) => {
    const parsed = parseIdentityText(text);
    return parsed.state === 'empty' ? 'Paste the identity text the person shared.' : parsed.state === 'invalid' ? parsed.problem : null;
  });
  const parsed = parseIdentityText(pasted.value);
  const identity = parsed.state === 'parsed' ? parsed.identity : null;
  const checked = check?.ok ? check : null;
  const already = checked ? members.find((member) => member.memberId === checked.memberId) : undefined;

  // The fingerprint comes from the pasted keys, recomputed here (never from the text).
  useEffect(() => {
    setCheck(null);
    setCompared(false);
    if (!identity) return;
    let current = true;
    void checkIdentity(identity).then((result) => current && setCheck(result));
    return () => {
      current = false;
    };
  }, [identity?.json]);

  const identityProblem = check && !check.ok ? check.problem : already ? `${already.name} is already a member (${ROLE_LABELS[already.role]}).` : null;

  return (
    <FormDialog
      title="Add member"
      description="Ask the person for their identity (Your identity › Share your identity), paste it here, and compare its fingerprint with them over another channel before adding them."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!pasted.problem && checked !== null && !identityProblem && compared}
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
      <InputField label="Identity text" hint="Paste all of the text they sent you; it starts with { and ends with }." field={pasted} rows={6} mono />
      {identityProblem && (
        <p className="form-error" role="alert">
          {identityProblem}
        </p>
      )}
      {identity && checked && !identityProblem && (
        <section className="identity-preview" aria-labelledby={`${id}-who`}>
          <h3 id={`${id}-who`} className="field-label">
            Who you are adding
          </h3>
          <dl className="details-list">
            <dt>Name</dt>
            <dd>{identity.name}</dd>
            <dt>Email</dt>
            <dd>{identity.email || '—'}</dd>
          </dl>
          <FingerprintView fingerprint={checked.fingerprint} />
          <p className="note">
            Call {identity.name} (or meet them) and have them read the fingerprint in their Your identity dialog. Add them only if every group
            matches: otherwise someone changed the text on its way to you.
          </p>
          <label className="check">
            <input
              type="checkbox"
              checked={compared}
              aria-invalid={submission.attempted && !compared ? true : undefined}
              aria-describedby={submission.attempted && !compared ? `${id}-compared-error` : undefined}
              onChange={(event) => setCompared(event.target.checked)}
            />
            <span>I compared this fingerprint with {identity.name} and it matches</span>
          </label>
          {submission.attempted && !compared && (
            <p className="field-error" id={`${id}-compared-error`}>
              Compare the fingerprint with them first.
            </p>
          )}
        </section>
      )}
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
