import { KeyflowMark } from '../components/common/icons';
import { LiveRegion } from '../components/common/LiveRegion';
import { AppNavigation } from '../components/workflows/AppNavigation';
import { WorkspaceView } from '../components/workflows/WorkspaceView';

export function App() {
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
        <WorkspaceView />
        <LiveRegion />
      </main>
    </>
  );
}
