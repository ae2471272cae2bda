import { useState } from 'react';
import type { WorkspaceSettings } from '../../../../shared/model/team';
import { asBridgeError } from '../../bridge/failure';
import { useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { SwitchField } from '../common/SwitchField';

/** The workspace settings: "Editors can create secrets". Owners and Admins change them (team.setSettings). */
export function TeamSettings({ settings, canManage }: { settings: WorkspaceSettings; canManage: boolean }) {
  const setSettings = useTeam((state) => state.setSettings);
  const announce = useAnnouncer((state) => state.announce);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(editorsCanCreateSecrets: boolean) {
    setPending(true);
    setError(null);
    try {
      await setSettings({ ...settings, editorsCanCreateSecrets });
      announce(editorsCanCreateSecrets ? 'Editors can now create secret keys' : 'Only Owners and Admins can create secret keys now');
    } catch (failure) {
      setError(`The setting was not changed: ${asBridgeError(failure).message}`);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="team-section" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="section-title">
        Settings
      </h2>
      <div className="card">
        <SwitchField
          label="Editors can create secrets"
          hint={
            canManage ? 'When off, only Owners and Admins create secret keys; Editors still use the keys shared with them.' : 'Only Owners and Admins change workspace settings.'
          }
          checked={settings.editorsCanCreateSecrets}
          disabled={!canManage || pending}
          busy={pending}
          onChange={(checked) => void change(checked)}
          error={error}
        />
      </div>
    </section>
  );
}
