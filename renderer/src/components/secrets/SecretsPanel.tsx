import { useCallback, useEffect, useRef, useState } from 'react';
import type { SecretMeta } from '../../../../shared/model/secret';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useMyRights } from '../../hooks/use-rights';
import { useEnvironments, useNavigation, useSecrets, useWorkflowEditor } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { ChevronLeftIcon } from '../workflows/icons';
import { AllowedDomainsDialog } from './AllowedDomainsDialog';
import { CreateSecretDialog } from './CreateSecretDialog';
import { DeleteSecretDialog } from './DeleteSecretDialog';
import { EditValueDialog } from './EditValueDialog';
import { RenameSecretDialog } from './RenameSecretDialog';
import { SecretSearch } from './SecretSearch';
import { SecretTabs } from './SecretTabs';
import { UpdatePermissionsDialog } from './UpdatePermissionsDialog';
import { actionsButtonId, type SecretAction } from './secret-actions';
import { SecretUsageDialog } from '../workflows/SecretUsage';
import { HistoryDialog } from './HistoryDialog';
import { RotationDialog } from './RotationDialog';
import { RecentlyDeleted } from './RecentlyDeleted';
import { KeySettings } from './KeySettings';

type OpenDialog = { kind: 'create' } | { kind: SecretAction; secret: SecretMeta };

/** Manage Secret Keys: search, tabs, the list, and the dialogs that change it. */
export function SecretsPanel() {
  const load = useSecrets((state) => state.load);
  const loadEnvironments = useEnvironments((state) => state.load);
  const { createSecrets, role, admin } = useMyRights();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const createRef = useRef<HTMLButtonElement>(null);
  const fromWorkflowId = useNavigation((state) => (state.route.view === 'secrets' ? state.route.fromWorkflowId : null));
  const openWorkflow = useNavigation((state) => state.openWorkflow);
  const fromName = useWorkflowEditor((state) => (state.workflowId === fromWorkflowId ? state.history?.present.name : undefined));

  useEffect(() => {
    void load();
    void loadEnvironments();
  }, [load, loadEnvironments]);
  useFocusIfLost(headingRef);

  const setReadable = useSecrets((state) => state.setReadableByRunCode);
  const announce = useAnnouncer((state) => state.announce);
  const onAction = useCallback(
    (kind: SecretAction, secret: SecretMeta) => {
      if (kind !== 'run-code') return setDialog({ kind, secret });
      // A setting, not a form: it changes at once and says so.
      const readable = !secret.readableByRunCode;
      void setReadable(secret.id, readable).then(
        (updated) => announce(readable ? `Run Code can now read “${updated.name}”` : `Run Code can no longer read “${updated.name}”`),
        (error: Error) => announce(error.message),
      );
    },
    [setReadable, announce],
  );
  const close = () => setDialog(null);
  // Back to what opened the dialog; to the heading when that row is gone (deleted).
  const returnFocusTo = () => (dialog?.kind === 'create' ? createRef.current : dialog && document.getElementById(actionsButtonId(dialog.secret.id))) ?? headingRef.current;

  return (
    // Inert under a dialog: Radix hides the page from assistive technology, this also takes it out of the tab order.
    <section className="panel" aria-labelledby="secrets-heading" inert={dialog !== null}>
      {fromWorkflowId && (
        // Opened from a workflow's + menu ("Manage Secret Keys"): the way back, with its unsaved edits.
        <div>
          <button type="button" className="button button-ghost back-button" onClick={() => openWorkflow(fromWorkflowId)}>
            <ChevronLeftIcon />
            {fromName ? `Back to “${fromName}”` : 'Back to the workflow'}
          </button>
        </div>
      )}
      <div className="panel-header">
        <div>
          <h1 id="secrets-heading" className="panel-title" ref={headingRef} tabIndex={-1}>
            Manage Secret Keys
          </h1>
          <p className="panel-subtitle">Values are encrypted on this device and can&apos;t be viewed after saving.</p>
        </div>
        {createSecrets ? (
          <button ref={createRef} type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })}>
            Create Secret Key
          </button>
        ) : (
          <p className="note panel-note">{role === 'viewer' ? 'Viewers can’t create secret keys.' : 'In this workspace only Owners and Admins create secret keys.'}</p>
        )}
      </div>
      <SecretSearch />
      <SecretTabs onAction={onAction} />
      <RecentlyDeleted />
      {admin && <KeySettings />}

      {dialog?.kind === 'create' && <CreateSecretDialog onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'rename' && <RenameSecretDialog secret={dialog.secret} onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'edit-value' && <EditValueDialog secret={dialog.secret} onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'delete' && <DeleteSecretDialog secret={dialog.secret} onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'used-by' && <SecretUsageDialog secret={dialog.secret} onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'permissions' && <UpdatePermissionsDialog secret={dialog.secret} onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'history' && <HistoryDialog secret={dialog.secret} onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'rotation' && <RotationDialog secret={dialog.secret} onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'allowed-domains' && <AllowedDomainsDialog secret={dialog.secret} onClose={close} returnFocusTo={returnFocusTo} />}
    </section>
  );
}
