import { useEffect, useState } from 'react';
import { environmentNameProblem, type Environment, type EnvironmentDeletion, type Principal } from '../../../../shared/model/environment';
import { bridge } from '../../bridge/instance';
import { asBridgeError } from '../../bridge/failure';
import { useIsTeamWorkspace } from '../../hooks/use-rights';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useEnvironments, useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { countOf } from '../../format/count';
import { ConfirmDeleteDialog } from '../common/ConfirmDialog';
import { FormDialog, type DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';
import { SwitchField } from '../common/SwitchField';

/** Add an environment, or rename one. */
export function EnvironmentNameDialog({ environment, onClose, returnFocusTo }: DialogProps & { environment?: Environment }) {
  const create = useEnvironments((state) => state.create);
  const rename = useEnvironments((state) => state.rename);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const name = useTextField(submission, 'name', environment?.name ?? '', environmentNameProblem);
  return (
    <FormDialog
      title={environment ? 'Rename Environment' : 'Add Environment'}
      description={
        environment
          ? 'Runs, keys and variables keep their values: only the name changes.'
          : 'Keys and variables get their own values here; until they have one, a run in it stops before sending and says which is missing.'
      }
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit={!name.problem}
      fields={['name']}
      submitLabel={environment ? 'Rename' : 'Add Environment'}
      onSubmit={async () => {
        if (environment) await rename(environment.id, name.value);
        else await create(name.value);
        announce(environment ? `Renamed to “${name.value.trim()}”` : `Environment “${name.value.trim()}” added`);
        onClose();
      }}
    >
      <InputField label="Name" hint="For example Development, Staging or Production." field={name} />
    </FormDialog>
  );
}

/** Protection: confirmation to run, and (team workspaces) who besides Owners and Admins may run there. */
export function ProtectionDialog({ environment, onClose, returnFocusTo }: DialogProps & { environment: Environment }) {
  const setProtection = useEnvironments((state) => state.setProtection);
  const announce = useAnnouncer((state) => state.announce);
  const team = useIsTeamWorkspace();
  const members = useTeam((state) => state.details?.members ?? []);
  const groups = useTeam((state) => state.details?.groups ?? []);
  const submission = useSubmission();
  const [isProtected, setProtected] = useState(environment.protected);
  const [grants, setGrants] = useState<Principal[]>(environment.runGrants);
  const granted = (principal: Principal) => grants.some((grant) => grant.kind === principal.kind && grant.id === principal.id);
  const toggle = (principal: Principal) =>
    setGrants((current) => (granted(principal) ? current.filter((grant) => !(grant.kind === principal.kind && grant.id === principal.id)) : [...current, principal]));
  const candidates: { principal: Principal; label: string }[] = [
    ...groups.map((group) => ({ principal: { kind: 'group' as const, id: group.id }, label: `${group.name} (group)` })),
    ...members
      .filter((member) => member.role === 'editor' || member.role === 'viewer')
      .map((member) => ({ principal: { kind: 'member' as const, id: member.memberId }, label: member.name })),
  ];
  return (
    <FormDialog
      title={`Protect ${environment.name}`}
      description="Running in a protected environment asks for confirmation (the command line needs --confirm)."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      submission={submission}
      canSubmit
      fields={['runGrants']}
      submitLabel="Save"
      wide={team}
      onSubmit={async () => {
        await setProtection(environment.id, isProtected, isProtected ? grants : []);
        announce(isProtected ? `${environment.name} is protected` : `${environment.name} is no longer protected`);
        onClose();
      }}
    >
      <SwitchField label="Protected" checked={isProtected} onChange={setProtected} hint="Typically Production." />
      {team && isProtected && (
        <fieldset className="choice-group">
          <legend className="field-label">Run in {environment.name}</legend>
          <p className="field-hint">Owners and Admins always may. Others only when named here; {environment.name}’s values are encrypted for those people alone.</p>
          {candidates.length === 0 && <p className="note">No Editors, Viewers or groups to name yet.</p>}
          <div className="choice-list">
            {candidates.map(({ principal, label }) => (
              <label key={`${principal.kind}:${principal.id}`} className="choice">
                <input type="checkbox" checked={granted(principal)} onChange={() => toggle(principal)} />
                <span className="choice-text">
                  <span className="choice-label">{label}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </FormDialog>
  );
}

/** Deleting an environment lists what loses its values there first. */
export function DeleteEnvironmentDialog({ environment, onClose, returnFocusTo }: DialogProps & { environment: Environment }) {
  const remove = useEnvironments((state) => state.remove);
  const announce = useAnnouncer((state) => state.announce);
  const [preview, setPreview] = useState<EnvironmentDeletion | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    bridge['environments.previewDelete']({ id: environment.id }).then(setPreview, (error: unknown) => setProblem(asBridgeError(error).message));
  }, [environment.id]);
  const losing = preview ? [...preview.keys.map((key) => `Key “${key.name}”`), ...preview.variables.map((variable) => `Variable “${variable.name}”`)] : [];
  return (
    <ConfirmDeleteDialog
      title={`Delete ${environment.name}?`}
      description={
        preview
          ? losing.length === 0
            ? 'No key or variable has a value in it.'
            : `${countOf(preview.keys.length, 'key')} and ${countOf(preview.variables.length, 'variable')} lose their value in ${environment.name}; their other environments keep theirs.`
          : (problem ?? 'Looking at what has a value in it…')
      }
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      onConfirm={async () => {
        await remove(environment.id);
        announce(`Environment “${environment.name}” deleted`);
      }}
    >
      {losing.length > 0 && (
        <ul className="usage-list removal-list" aria-label={`What loses its value in ${environment.name}`}>
          {losing.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </ConfirmDeleteDialog>
  );
}
