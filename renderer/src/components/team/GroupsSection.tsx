import { useCallback, useRef, useState } from 'react';
import type { Group, Member } from '../../../../shared/model/team';
import { countOf } from '../../format/count';
import { useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { ConfirmDeleteDialog } from '../common/ConfirmDialog';
import { DataTable } from '../common/DataTable';
import { RowActionsMenu, type RowAction } from '../common/RowActionsMenu';
import { PlusIcon } from '../workflows/icons';
import { GroupDialog, type GroupDialogMode } from './GroupDialog';

type GroupAction = 'rename' | 'members' | 'delete';
type OpenDialog = { kind: 'create' } | { kind: GroupAction; group: Group };

const ACTIONS: readonly RowAction<GroupAction>[] = [
  { action: 'rename', label: 'Rename' },
  { action: 'members', label: 'Edit members' },
  { action: 'delete', label: 'Delete', danger: true },
];

const groupActionsButtonId = (groupId: string) => `group-actions-${groupId}`;

function memberNames(group: Group, members: readonly Member[]): string {
  const names = group.memberIds.map((id) => members.find((member) => member.memberId === id)?.name).filter((name): name is string => Boolean(name));
  return names.length === 0 ? 'No members' : names.join(', ');
}

/** Groups: named sets of members that keys can be shared with. Owners and Admins create, rename, fill and delete them. */
export function GroupsSection({ groups, members, canManage }: { groups: readonly Group[]; members: readonly Member[]; canManage: boolean }) {
  const deleteGroup = useTeam((state) => state.deleteGroup);
  const announce = useAnnouncer((state) => state.announce);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const onAction = useCallback((action: GroupAction, group: Group) => setDialog({ kind: action, group }), []);

  const close = () => setDialog(null);
  const returnFocusTo = () => (dialog?.kind === 'create' ? newRef.current : dialog && document.getElementById(groupActionsButtonId(dialog.group.id))) ?? headingRef.current;

  return (
    <section className="team-section" aria-labelledby="groups-heading">
      <div className="section-header">
        <h2 id="groups-heading" className="section-title" ref={headingRef} tabIndex={-1}>
          Groups
        </h2>
        {canManage && (
          <button ref={newRef} type="button" className="button button-secondary" onClick={() => setDialog({ kind: 'create' })}>
            <PlusIcon />
            New group
          </button>
        )}
      </div>
      {groups.length === 0 ? (
        <p className="note">No groups yet. {canManage ? 'A group lets you share a key with several people at once.' : ''}</p>
      ) : (
        <DataTable caption="Groups" columns={['Name', 'Members']}>
          {groups.map((group) => (
            <tr key={group.id}>
              <td className="cell-name">{group.name}</td>
              <td className="cell-description">
                <span className="visually-hidden">{countOf(group.memberIds.length, 'member')}: </span>
                {memberNames(group, members)}
              </td>
              <td className="cell-actions">
                {canManage && <RowActionsMenu id={groupActionsButtonId(group.id)} name={group.name} actions={ACTIONS} onAction={(action) => onAction(action, group)} />}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      {dialog && dialog.kind !== 'delete' && (
        <GroupDialog
          mode={dialog.kind as GroupDialogMode}
          group={dialog.kind === 'create' ? undefined : dialog.group}
          members={members}
          onClose={close}
          returnFocusTo={returnFocusTo}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDeleteDialog
          title={<>Delete group &quot;{dialog.group.name}&quot;?</>}
          description="Keys shared with the group lose that grant: its members keep access only through their own grants or their role. Its members stay in the workspace."
          onClose={close}
          returnFocusTo={returnFocusTo}
          onConfirm={async () => {
            await deleteGroup(dialog.group.id);
            announce(`Group “${dialog.group.name}” deleted`);
          }}
        />
      )}
    </section>
  );
}
