import { KeyflowMark } from '../components/common/icons';
import { LiveRegion } from '../components/common/LiveRegion';
import { AppNavigation } from '../components/workflows/AppNavigation';
import { LeaveGuard } from '../components/workflows/LeaveGuard';
import { WorkspaceView } from '../components/workflows/WorkspaceView';
import { useAddress } from '../hooks/use-address';
import { useWindowReturn } from '../hooks/use-window-return';
import { useWorkspaceSession } from '../hooks/use-workspace-session';
import { useNavigation, useSecrets, useWorkflows } from '../store';

export function App() {
  useWorkspaceSession();
  useAddress();
  // Keys deleted, renamed or used (last used) elsewhere, and workflows run from the command
  // line or broken by such a deletion, show as such when the user comes back.
  useWindowReturn(useSecrets((state) => state.refresh));
  useWindowReturn(useWorkflows((state) => state.load));
  // While Keyflow asks about unsaved edits, the view behind the question is out of reach.
  const asking = useNavigation((state) => state.pending !== null);
  return (
    <>
      <header className="app-header">
        <span className="brand">
          <KeyflowMark />
          Keyflow
        </span>
        <AppNavigation />
      </header>
      <main className="app-main">
        <div inert={asking}>
          <WorkspaceView />
        </div>
        <LiveRegion />
        <LeaveGuard />
      </main>
    </>
  );
}
