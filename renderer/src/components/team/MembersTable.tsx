import { useState } from 'react';
import { ROLE_LABELS, type Member, type Role } from '../../../../shared/model/team';
import { asBridgeError } from '../../bridge/failure';
import { shortFingerprint } from '../../format/fingerprint';
import { useIdentity, useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { canRemoveMember, roleChoices } from '../../store/team-rules';
import { DataTable } from '../common/DataTable';
import { useFingerprints } from './use-fingerprints';

const COLUMNS = ['Name', 'Email', 'Role', 'Fingerprint'];

export const removeButtonId = (memberId: string) => `member-remove-${memberId}`;

const memberIdOf = (member: Member) => member.memberId;

interface Props {
  members: readonly Member[];
  me: string;
  myRole: Role;
  onRemove(member: Member): void;
}

/** The members: name, email, role (a select where I may change it), fingerprint; Remove where I may. */
export function MembersTable({ members, me, myRole, onRemove }: Props) {
  const setRole = useTeam((state) => state.setRole);
  // My own row says my name as I last set it.
  const myName = useIdentity((state) => (state.profile?.memberId === me ? state.profile.name : undefined));
  const announce = useAnnouncer((state) => state.announce);
  const fingerprints = useFingerprints(members, memberIdOf);
  const [pending, setPending] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function changeRole(member: Member, role: Role) {
    setProblem(null);
    setPending(member.memberId);
    try {
      await setRole(member.memberId, role);
      announce(`${member.name}’s role is now ${ROLE_LABELS[role]}`);
    } catch (error) {
      setProblem(`${member.name}’s role was not changed: ${asBridgeError(error).message}`);
    } finally {
      setPending(null);
    }
  }

  return (
    <>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <DataTable caption="Members" columns={COLUMNS}>
        {members.map((member) => {
          const choices = roleChoices(myRole, member, me);
          const fingerprint = fingerprints.get(member.memberId);
          return (
            <tr key={member.memberId}>
              <td className="cell-name">
                {member.memberId === me ? (myName ?? member.name) : member.name}
                {member.memberId === me && <span className="cell-muted"> (you)</span>}
              </td>
              <td className="cell-muted">{member.email}</td>
              <td>
                {choices ? (
                  <select
                    className="input select role-select"
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    disabled={pending === member.memberId}
                    aria-busy={pending === member.memberId || undefined}
                    onChange={(event) => void changeRole(member, event.target.value as Role)}
                  >
                    {/* The current role stays listed even when I couldn't give it. */}
                    {(choices.includes(member.role) ? choices : [member.role, ...choices]).map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="badge badge-neutral">{ROLE_LABELS[member.role]}</span>
                )}
              </td>
              <td className="cell-muted mono" title={fingerprint}>
                {fingerprint ? shortFingerprint(fingerprint) : '…'}
              </td>
              <td className="cell-actions">
                {canRemoveMember(myRole, member, me) && (
                  <button id={removeButtonId(member.memberId)} type="button" className="button button-secondary button-small" onClick={() => onRemove(member)}>
                    Remove<span className="visually-hidden"> {member.name}</span>
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
