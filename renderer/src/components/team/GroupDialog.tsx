import { useId, useState } from 'react';
import type { Group, Member } from '../../../../shared/model/team';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';

/** What the dialog edits: a new group (both), or an existing one's name or members. */
export type GroupDialogMode = 'create' | 'rename' | 'members';

const groupNameProblem = (value: string) => (value.trim() === '' ? 'Name is required.' : value.trim().length > 200 ? 'Name must be at most 200 characters.' : null);

const TITLES: Readonly<Record<GroupDialogMode, string>> = { create: 'New group', rename: 'Rename group', members: 'Edit members' };

interface Props extends DialogProps {
  mode: GroupDialogMode;
  group?: Group;
  members: readonly Member[];
}

/** Create a group, rename one, or choose its members (team.saveGroup). */
export function GroupDialog({ mode, group, members, onClose, returnFocusTo }: Props) {
  const id = useId();
  const saveGroup = useTeam((state) => state.saveGroup);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const name = useTextField(submission, 'name', group?.name ?? '', groupNameProblem);
  const [memberIds, setMemberIds] = useState<readonly string[]>(group?.memberIds ?? []);
  const showName = mode !== 'members';
  const showMembers = mode !== 'rename';

  function toggle(memberId: string, on: boolean) {
    setMemberIds((current) => (on ? [...current, memberId] : current.filter((candidate) => candidate !== memberId)));
    submission.clearError();
  }

  return (
    <FormDialog
      title={TITLES[mode]}
      description={
        mode === 'rename'
          ? `A new name for “${group?.name}”. Keys shared with the group stay shared.`
          : 'Share keys with a group instead of one person at a time: members who join or leave it gain or lose its access.'
      }
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!name.problem}
      fields={['name', 'memberIds']}
      submitLabel={mode === 'create' ? 'Create group' : 'Save group'}
      onSubmit={async () => {
        // Members not in the workspace any more are dropped with the save.
        const kept = memberIds.filter((memberId) => members.some((member) => member.memberId === memberId));
        const saved = await saveGroup({ ...(group ? { id: group.id } : {}), name: name.value, memberIds: kept });
        announce(mode === 'create' ? `Group “${saved.name}” created` : `Group “${saved.name}” saved`);
        onClose();
      }}
    >
      {showName && <InputField label="Group name" hint="For example “Ops” or “Payments team”." field={name} maxLength={200} />}
      {showMembers && (
        <fieldset className="choice-group" aria-describedby={submission.errorFor('memberIds') ? `${id}-error` : undefined}>
          <legend className="field-label">Members{showName ? '' : ` of ${group?.name ?? 'the group'}`}</legend>
          {members.length === 0 ? (
            <p className="note">This workspace has no members yet.</p>
          ) : (
            <ul className="check-list">
              {members.map((member) => (
                <li key={member.memberId}>
                  <label className="check">
                    <input type="checkbox" checked={memberIds.includes(member.memberId)} onChange={(event) => toggle(member.memberId, event.target.checked)} />
                    <span>
                      {member.name}
                      {member.email && <span className="note"> {member.email}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {submission.errorFor('memberIds') && (
            <p className="field-error" id={`${id}-error`} role="alert">
              {submission.errorFor('memberIds')}
            </p>
          )}
        </fieldset>
      )}
    </FormDialog>
  );
}
