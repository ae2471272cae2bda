import { KeyflowMark } from '../components/common/icons';
import { LiveRegion } from '../components/common/LiveRegion';
import { VaultGate } from '../components/vault/VaultGate';

export function App() {
  return (
    <>
      <header className="app-header">
        <span className="brand">
          <KeyflowMark />
          Keyflow
        </span>
      </header>
      <main className="app-main">
        <VaultGate />
        <LiveRegion />
      </main>
    </>
  );
}
