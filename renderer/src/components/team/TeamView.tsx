import { useEffect, useRef, useState } from 'react';
import type { Member } from '../../../../shared/model/team';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useMyRights } from '../../hooks/use-rights';
import { useTeam } from '../../store';
import { ErrorBanner } from '../common/ErrorBanner';
import { PlusIcon } from '../workflows/icons';
import { AddDeviceDialog } from './AddDeviceDialog';
import { AddMemberDialog } from './AddMemberDialog';
import { DevicesSection } from './DevicesSection';
import { GroupsSection } from './GroupsSection';
import { MembersTable, removeButtonId } from './MembersTable';
import { RemoveMemberDialog } from './RemoveMemberDialog';
import { SyncStatusLine } from './SyncStatusLine';
import { TeamSettings } from './TeamSettings';

type OpenDialog = { kind: 'add' } | { kind: 'add-device' } | { kind: 'remove'; member: Member };

/** Team: the workspace's sync status, members and their roles, groups and settings. */
export function TeamView() {
  const details = useTeam((state) => state.details);
  const loadState = useTeam((state) => state.loadState);
  const loadError = useTeam((state) => state.loadError);
  const load = useTeam((state) => state.load);
  const { role, manageMembers } = useMyRights();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const addDeviceRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useFocusIfLost(headingRef);

  const close = () => setDialog(null);
  const returnFocusTo = () =>
    (dialog?.kind === 'add' ? addRef.current : dialog?.kind === 'add-device' ? addDeviceRef.current : dialog && document.getElementById(removeButtonId(dialog.member.memberId))) ??
    headingRef.current;

  return (
    <section className="panel" aria-labelledby="team-heading" inert={dialog !== null}>
      <div className="panel-header">
        <div>
          <h1 id="team-heading" className="panel-title" ref={headingRef} tabIndex={-1}>
            Team
          </h1>
          <p className="panel-subtitle">{details ? `Who belongs to ${details.workspace.name}, and what they may do.` : 'Who belongs to this workspace, and what they may do.'}</p>
        </div>
        {manageMembers && (
          <div className="panel-actions">
            <button ref={addDeviceRef} type="button" className="button button-secondary" onClick={() => setDialog({ kind: 'add-device' })}>
              <PlusIcon />
              Add device
            </button>
            <button ref={addRef} type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
              <PlusIcon />
              Add member
            </button>
          </div>
        )}
      </div>

      {loadState === 'failed' && !details ? (
        <ErrorBanner title="The team could not be loaded" message={loadError ?? ''} onRetry={() => void load()} />
      ) : !details ? (
        <p className="loading" role="status">
          Loading the team…
        </p>
      ) : (
        <>
          <SyncStatusLine details={details} />
          <section className="team-section" aria-labelledby="members-heading">
            <h2 id="members-heading" className="section-title">
              Members
            </h2>
            <MembersTable members={details.members} me={details.me} myRole={role} onRemove={(member) => setDialog({ kind: 'remove', member })} />
          </section>
          <DevicesSection details={details} myRole={role} />
          <GroupsSection groups={details.groups} members={details.members} canManage={manageMembers} />
          <TeamSettings settings={details.settings} canManage={manageMembers} />
        </>
      )}

      {dialog?.kind === 'add' && <AddMemberDialog myRole={role} onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'add-device' && details && <AddDeviceDialog members={details.members} me={details.me} myRole={role} onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'remove' && <RemoveMemberDialog member={dialog.member} onClose={close} returnFocusTo={returnFocusTo} />}
    </section>
  );
}
