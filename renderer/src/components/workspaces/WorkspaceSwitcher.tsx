import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useRef, useState } from 'react';
import { ROLE_LABELS, type WorkspaceSummary } from '../../../../shared/model/team';
import { asBridgeError } from '../../bridge/failure';
import { useAfterMenuClose } from '../../hooks/use-after-menu-close';
import { useWorkflowEditor, useWorkspaces } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { AlertCancel, AlertFrame } from '../common/ConfirmDialog';
import { ChevronDownIcon } from '../common/icons';
import { CreateWorkspaceDialog, OpenWorkspaceDialog } from './WorkspaceDialogs';

type Pending = { kind: 'switch'; workspace: WorkspaceSummary } | { kind: 'create' } | { kind: 'open' };
type OpenDialog = Pending | { kind: 'unsaved'; next: Pending } | { kind: 'failed'; workspace: WorkspaceSummary; message: string };

export const KIND_LABELS: Readonly<Record<WorkspaceSummary['kind'], string>> = { personal: 'Personal', team: 'Team' };

/** "Team · Editor": what a workspace is and what I am in it. */
export function workspaceDetail(workspace: WorkspaceSummary): string {
  return `${KIND_LABELS[workspace.kind]} · ${ROLE_LABELS[workspace.myRole]}`;
}

/**
 * The workspace switcher in the header: the workspaces I belong to (switch with a
 * click), Create team workspace… and Open workspace file…. Unsaved edits in the
 * builder are confirmed first, since another workspace closes the open workflow.
 */
export function WorkspaceSwitcher() {
  const items = useWorkspaces((state) => state.items);
  const active = useWorkspaces((state) => state.active);
  const switching = useWorkspaces((state) => state.switching);
  const switchTo = useWorkspaces((state) => state.switchTo);
  const announce = useAnnouncer((state) => state.announce);
  const after = useAfterMenuClose();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);

  function run(action: Pending) {
    if (action.kind !== 'switch') return setDialog(action);
    setDialog(null);
    switchTo(action.workspace.id).then(
      (workspace) => announce(`Switched to ${workspace.name}`),
      (error: unknown) => setDialog({ kind: 'failed', workspace: action.workspace, message: asBridgeError(error).message }),
    );
  }

  /** Confirms dropping the builder's unsaved edits before anything that closes it. */
  function guard(action: Pending) {
    const editor = useWorkflowEditor.getState();
    if (editor.dirty) setDialog({ kind: 'unsaved', next: action });
    else run(action);
  }

  const close = () => setDialog(null);
  const returnFocusTo = () => triggerRef.current;
  const draftName = useWorkflowEditor((state) => state.history?.present.name ?? '');

  return (
    <>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger ref={triggerRef} className="workspace-trigger" aria-busy={switching || undefined}>
          <span className="visually-hidden">Workspace: </span>
          <span className="workspace-trigger-name">{active?.name ?? 'Workspace'}</span>
          {active?.kind === 'team' && <span className="badge badge-neutral">{KIND_LABELS.team}</span>}
          <ChevronDownIcon />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu menu-workspaces" align="start" sideOffset={6} collisionPadding={8} onCloseAutoFocus={after.onCloseAutoFocus}>
            <DropdownMenu.Label className="menu-label">Workspaces</DropdownMenu.Label>
            <DropdownMenu.RadioGroup
              value={active?.id ?? ''}
              onValueChange={(id) => {
                const workspace = items.find((item) => item.id === id);
                if (workspace && workspace.id !== active?.id) after.then(() => guard({ kind: 'switch', workspace }));
              }}
            >
              {items.map((workspace) => (
                <DropdownMenu.RadioItem key={workspace.id} value={workspace.id} className="menu-item menu-item-radio" textValue={workspace.name}>
                  <span className="menu-item-check" aria-hidden="true">
                    <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                  </span>
                  <span className="menu-item-label">{workspace.name}</span>
                  <span className="menu-item-description">{workspaceDetail(workspace)}</span>
                </DropdownMenu.RadioItem>
              ))}
            </DropdownMenu.RadioGroup>
            <DropdownMenu.Separator className="menu-separator" />
            <DropdownMenu.Item className="menu-item" onSelect={() => after.then(() => guard({ kind: 'create' }))}>
              Create team workspace…
            </DropdownMenu.Item>
            <DropdownMenu.Item className="menu-item" onSelect={() => after.then(() => guard({ kind: 'open' }))}>
              Open workspace file…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>

      {dialog?.kind === 'create' && <CreateWorkspaceDialog onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'open' && <OpenWorkspaceDialog onClose={close} returnFocusTo={returnFocusTo} />}
      {dialog?.kind === 'unsaved' && (
        <AlertFrame
          title="Discard unsaved changes?"
          description={`“${draftName}” has changes that are not saved. ${dialog.next.kind === 'switch' ? 'Switching' : 'Opening another'} workspace closes it without saving them.`}
          onClose={close}
          returnFocusTo={returnFocusTo}
        >
          <div className="dialog-actions">
            <AlertCancel>Keep editing</AlertCancel>
            <button type="button" className="button button-danger" onClick={() => run(dialog.next)}>
              Discard changes
            </button>
          </div>
        </AlertFrame>
      )}
      {dialog?.kind === 'failed' && (
        <AlertFrame title={`Couldn't switch to ${dialog.workspace.name}`} description={dialog.message} onClose={close} returnFocusTo={returnFocusTo}>
          <div className="dialog-actions">
            <AlertCancel>OK</AlertCancel>
          </div>
        </AlertFrame>
      )}
    </>
  );
}
