import type { SyncStatus, WorkspaceSummary } from '../../../../shared/model/team';
import { useWorkspaces } from '../../store';

/**
 * Told once an Admin removed me: by whom and when, what it meant for my copy (the keys'
 * values were removed from this machine), and a way back to my own workspace.
 */
export function RemovedNotice({ removedBy, workspace }: { removedBy: NonNullable<SyncStatus['removedBy']>; workspace: WorkspaceSummary }) {
  const personal = useWorkspaces((state) => state.items.find((item) => item.kind === 'personal'));
  const switchTo = useWorkspaces((state) => state.switchTo);
  const when = new Date(removedBy.at).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
  return (
    <div className="card removed-notice" role="status" aria-labelledby="removed-heading">
      <h2 id="removed-heading" className="section-title">
        You were removed from {workspace.name}
      </h2>
      <p>
        {removedBy.name} removed you from this workspace on {when}. Keyflow removed its secret keys from this machine, and you keep no copy of their values; what you did before
        stays in the workspace for its members. To work in it again, ask one of its Admins to add you back.
      </p>
      {personal && (
        <button type="button" className="button button-secondary" onClick={() => void switchTo(personal.id)}>
          Switch to {personal.name}
        </button>
      )}
    </div>
  );
}
