import { useRef } from 'react';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { BackupsSection } from './BackupsSection';

/** Settings of this computer's Keyflow: for now, Backups. */
export function SettingsView() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef);
  return (
    <section className="panel" aria-labelledby="settings-heading">
      <div className="panel-header">
        <div>
          <h1 id="settings-heading" className="panel-title" ref={headingRef} tabIndex={-1}>
            Settings
          </h1>
          <p className="panel-subtitle">How Keyflow keeps your keys safe on this computer.</p>
        </div>
      </div>
      <BackupsSection />
    </section>
  );
}
