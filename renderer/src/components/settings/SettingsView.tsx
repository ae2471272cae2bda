import { useRef } from 'react';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useDialogOpen } from '../workflows/use-dialog-open';
import { RecoveryKitSettings } from '../recovery/RecoveryKitSettings';
import { BackupsSection } from './BackupsSection';

/** Settings of this Keyflow (not of a workspace): the recovery kit and backups. */
export function SettingsView() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef);
  // Behind a dialog (start over, replace, the kit), out of the tab order as well as hidden.
  const dialogOpen = useDialogOpen();
  return (
    <section className="screen" aria-labelledby="settings-heading" inert={dialogOpen}>
      <h1 id="settings-heading" className="screen-title" ref={headingRef} tabIndex={-1}>
        Settings
      </h1>
      <RecoveryKitSettings />
      <BackupsSection />
    </section>
  );
}
