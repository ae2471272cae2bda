import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { BridgeError } from '../../../../shared/bridge/errors';
import { emailProblem, personNameProblem } from '../../../../shared/model/team';
import { asBridgeError } from '../../bridge/failure';
import { useIdentity, useWorkspaces } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';
import { BrowseButton } from './PathBrowser';

const required = (what: string) => (value: string) => (value.trim() === '' ? `${what} is required.` : null);
const workspaceNameProblem = (value: string) => required('Name')(value) ?? (value.trim().length > 200 ? 'Name must be at most 200 characters.' : null);

/** Create team workspace: a name and the (synced) folder its workspace file goes in. */
export function CreateWorkspaceDialog({ onClose, returnFocusTo }: DialogProps) {
  const create = useWorkspaces((state) => state.create);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const name = useTextField(submission, 'name', '', workspaceNameProblem);
  const folder = useTextField(submission, 'folder', '', required('Folder'));
  // Until I choose a name, members would see my computer account's ("root"): ask for it here, once.
  const profile = useIdentity((state) => state.profile);
  const askName = profile !== null && !profile.named;
  const updateIdentity = useIdentity((state) => state.update);
  const myName = useTextField(submission, 'myName', profile?.name ?? '', personNameProblem);
  const myEmail = useTextField(submission, 'myEmail', profile?.email ?? '', emailProblem);

  return (
    <FormDialog
      title="Create team workspace"
      description="A team workspace is one file in a folder your team shares — Dropbox, Google Drive, OneDrive, an SMB share or a git repository. You are its Owner; add members once it exists."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!name.problem && !folder.problem && (!askName || (!myName.problem && !myEmail.problem))}
      fields={['name', 'folder', 'myName', 'myEmail']}
      submitLabel="Create workspace"
      onSubmit={async () => {
        if (askName) {
          await updateIdentity(myName.value, myEmail.value).catch((error: unknown) => {
            const failure = asBridgeError(error);
            throw new BridgeError(failure.code, failure.message, failure.field === 'email' ? 'myEmail' : 'myName');
          });
        }
        const workspace = await create(name.value.trim(), folder.value.trim());
        announce(`Team workspace “${workspace.name}” created and opened`);
        onClose();
      }}
    >
      <InputField label="Workspace name" hint="For example “Acme engineering”." field={name} maxLength={200} />
      {askName && (
        <div className="form-row">
          <InputField label="Your name" hint="As members will see it." field={myName} maxLength={200} />
          <InputField label="Your email" hint="Optional." field={myEmail} maxLength={320} autoComplete="email" />
        </div>
      )}
      <div className="path-field">
        <InputField
          label="Folder"
          hint="The full path of a folder your sync service shares, such as /home/you/Dropbox/Team. Keyflow creates the workspace file inside it."
          field={folder}
          mono
        />
        <BrowseButton kind="folder" label="Folder" current={folder.value} onChosen={folder.change} />
      </div>
    </FormDialog>
  );
}

/** Open workspace file: a team workspace someone added me to. */
export function OpenWorkspaceDialog({ onClose, returnFocusTo }: DialogProps) {
  const open = useWorkspaces((state) => state.open);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const path = useTextField(submission, 'path', '', required('The file’s path'));

  return (
    <FormDialog
      title="Open workspace file"
      description="Open a team workspace from its file in your shared folder. An Admin of that workspace must have added you first (send them your identity)."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!path.problem}
      fields={['path']}
      submitLabel="Open workspace"
      onSubmit={async () => {
        const workspace = await open(path.value.trim());
        announce(`Team workspace “${workspace.name}” opened`);
        onClose();
      }}
    >
      <div className="path-field">
        <InputField label="Workspace file" hint="The full path of the workspace file, as your sync service put it on this computer." field={path} mono />
        <BrowseButton kind="workspace-file" label="Workspace file" current={path.value} onChosen={path.change} />
      </div>
    </FormDialog>
  );
}
