import { useRef } from 'react';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { RecoveryKitSettings } from '../recovery/RecoveryKitSettings';

/** Settings of this Keyflow (not of a workspace): the recovery kit. */
export function SettingsView() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef);
  return (
    <section className="screen" aria-labelledby="settings-heading">
      <h1 id="settings-heading" className="screen-title" ref={headingRef} tabIndex={-1}>
        Settings
      </h1>
      <RecoveryKitSettings />
    </section>
  );
}
