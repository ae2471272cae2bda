import { useCallback, useEffect, useState } from 'react';
import type { BackupSchedule, RestoreChanges, RestorePreview } from '../../../../shared/model/backup';
import { BACKUP_FILE_EXTENSION } from '../../../../shared/model/backup';
import { newPassphraseProblem } from '../../../../shared/model/vault';
import { bridge } from '../../bridge/instance';
import { asBridgeError } from '../../bridge/failure';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useAnnouncer } from '../../store/announcer-store';
import { formatFullTime } from '../../format/relative-time';
import { InputField } from '../common/InputField';
import { SubmissionForm, SubmitButton } from '../common/SubmissionForm';
import { SwitchField } from '../common/SwitchField';
import { AlertCancel, AlertFrame } from '../common/ConfirmDialog';
import { FormError } from '../common/FormError';

const required = (what: string) => (value: string) => (value.trim() === '' ? `Enter ${what}.` : null);

/** Backups: back up now to a file, restore from a file (preview, then confirm), and automatic daily backups. */
export function BackupsSection() {
  const [schedule, setSchedule] = useState<BackupSchedule | null>(null);
  const [preview, setPreview] = useState<RestorePreview | null>(null);
  const reload = useCallback(() => void bridge['backups.status']({}).then(setSchedule, () => setSchedule(null)), []);
  useEffect(reload, [reload]);
  return (
    // While the restore question is open, what is behind it is out of reach.
    <section className="team-section" aria-labelledby="backups-heading" inert={preview !== null}>
      <h2 id="backups-heading" className="section-title">
        Backups
      </h2>
      <p className="field-hint">
        A backup is one file holding your keys with their values, environments, variables and workflows, encrypted under a passphrase you choose. Keep the passphrase safe: Keyflow
        can’t open a backup without it, and no one can recover it for you.
      </p>
      <p>Last backup: {schedule?.lastBackupAt ? <time dateTime={schedule.lastBackupAt}>{formatFullTime(schedule.lastBackupAt)}</time> : 'never'}</p>
      <section className="card" aria-labelledby="backup-now-heading">
        <BackUpNowForm onDone={reload} />
      </section>
      <section className="card" aria-labelledby="restore-heading">
        <RestoreForm onPreview={setPreview} />
      </section>
      <section className="card" aria-labelledby="schedule-heading">
        {schedule && <ScheduleForm schedule={schedule} onChange={setSchedule} />}
      </section>
      {preview && <RestoreDialog preview={preview} onClose={() => setPreview(null)} />}
    </section>
  );
}

function BackUpNowForm({ onDone }: { onDone(): void }) {
  const submission = useSubmission();
  const announce = useAnnouncer((state) => state.announce);
  const path = useTextField(submission, 'path', '', required(`the file to write, ending in ${BACKUP_FILE_EXTENSION}`));
  const passphrase = useTextField(submission, 'passphrase', '', newPassphraseProblem);
  const repeat = useTextField(submission, 'repeat', '', (value) => (value !== passphrase.value ? 'The two passphrases differ.' : null));
  const [includeRuns, setIncludeRuns] = useState(false);
  return (
    <SubmissionForm
      submission={submission}
      canSubmit={!path.problem && !passphrase.problem && !repeat.problem}
      fields={['path', 'passphrase', 'repeat']}
      onSubmit={async () => {
        const made = await bridge['backups.create']({ path: path.value.trim(), passphrase: passphrase.value, includeRuns });
        passphrase.clear();
        repeat.clear();
        announce(`Backed up to ${made.path}`);
        onDone();
      }}
      actions={<SubmitButton submission={submission}>Back up now</SubmitButton>}
    >
      <h3 id="backup-now-heading" className="field-label">
        Back up this workspace now
      </h3>
      <InputField label="File" hint={`A new file, e.g. /home/you/Backups/keyflow${BACKUP_FILE_EXTENSION}. Keyflow never writes over a file.`} field={path} mono />
      <InputField label="Passphrase" type="password" autoComplete="new-password" field={passphrase} />
      <InputField label="Passphrase again" type="password" autoComplete="new-password" field={repeat} />
      <SwitchField label="Include run history" hint="Runs are stored masked; they make the file larger." checked={includeRuns} onChange={setIncludeRuns} />
    </SubmissionForm>
  );
}

function RestoreForm({ onPreview }: { onPreview(preview: RestorePreview): void }) {
  const submission = useSubmission();
  const path = useTextField(submission, 'path', '', required('the backup file'));
  const passphrase = useTextField(submission, 'passphrase', '', required('the backup’s passphrase'));
  return (
    <SubmissionForm
      submission={submission}
      canSubmit={!path.problem && !passphrase.problem}
      fields={['path', 'passphrase']}
      onSubmit={async () => {
        onPreview(await bridge['backups.preview']({ path: path.value.trim(), passphrase: passphrase.value }));
        passphrase.clear();
      }}
      actions={<SubmitButton submission={submission}>Preview restore…</SubmitButton>}
    >
      <h3 id="restore-heading" className="field-label">
        Restore from a backup
      </h3>
      <InputField label="Backup file" field={path} mono />
      <InputField label="Backup passphrase" type="password" autoComplete="current-password" field={passphrase} />
    </SubmissionForm>
  );
}

function ChangesLine({ label, changes }: { label: string; changes: RestoreChanges }) {
  const more = (shown: string[], total: number) => (total > shown.length ? `, and ${total - shown.length} more` : '');
  return (
    <li>
      <strong>{label}</strong>: {changes.added} added, {changes.replaced} replaced, {changes.unchanged} unchanged
      {changes.added > 0 && <div className="field-hint">Added: {changes.addedNames.join(', ') + more(changes.addedNames, changes.added)}</div>}
      {changes.replaced > 0 && <div className="field-hint">Replaced: {changes.replacedNames.join(', ') + more(changes.replacedNames, changes.replaced)}</div>}
    </li>
  );
}

/** What the restore will change, and the one button that does it. */
function RestoreDialog({ preview, onClose }: { preview: RestorePreview; onClose(): void }) {
  const announce = useAnnouncer((state) => state.announce);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function restore() {
    setPending(true);
    setError(null);
    try {
      const result = await bridge['backups.restore']({ previewId: preview.previewId });
      announce(`Restored ${result.keys} keys and ${result.workflows} workflows into ${preview.into.name}`);
      onClose();
    } catch (failure) {
      setError(asBridgeError(failure).message);
      setPending(false);
    }
  }
  return (
    <AlertFrame
      title="Restore this backup?"
      description={`Backup of “${preview.backup.workspaceName}” (${preview.backup.workspaceKind}) made ${formatFullTime(preview.backup.createdAt)}, into “${preview.into.name}”. Items are matched by id: replaced ones take the backup’s version.`}
      onClose={onClose}
      returnFocusTo={() => document.getElementById('backups-heading')}
    >
      <ul className="restore-preview">
        <ChangesLine label="Keys" changes={preview.keys} />
        <ChangesLine label="Environments" changes={preview.environments} />
        <ChangesLine label="Variables" changes={preview.variables} />
        <ChangesLine label="Workflows" changes={preview.workflows} />
        {preview.runs && <ChangesLine label="Runs" changes={preview.runs} />}
      </ul>
      {preview.renamed.length > 0 && (
        <ul className="field-hint">
          {preview.renamed.map((item) => (
            <li key={`${item.kind}:${item.from}:${item.to}`}>
              The {item.kind} “{item.from}” is restored as “{item.to}”: the name is taken here.
            </li>
          ))}
        </ul>
      )}
      <FormError message={error} />
      <div className="dialog-actions">
        <AlertCancel />
        <button type="button" className="button button-primary" disabled={pending} aria-busy={pending} onClick={() => void restore()}>
          Restore
        </button>
      </div>
    </AlertFrame>
  );
}

function ScheduleForm({ schedule, onChange }: { schedule: BackupSchedule; onChange(next: BackupSchedule): void }) {
  const submission = useSubmission();
  const announce = useAnnouncer((state) => state.announce);
  const [enabled, setEnabled] = useState(schedule.enabled);
  const folder = useTextField(submission, 'folder', schedule.folder ?? '', (value) => (enabled ? required('the folder backups go to')(value) : null));
  // A passphrase is needed to turn them on unless one is kept already.
  const passphrase = useTextField(submission, 'passphrase', '', (value) => (enabled && (value !== '' || !schedule.hasPassphrase) ? newPassphraseProblem(value) : null));
  return (
    <SubmissionForm
      submission={submission}
      canSubmit={!folder.problem && !passphrase.problem}
      fields={['folder', 'passphrase']}
      onSubmit={async () => {
        const next = await bridge['backups.setSchedule'](
          enabled ? { enabled, folder: folder.value.trim(), ...(passphrase.value ? { passphrase: passphrase.value } : {}) } : { enabled },
        );
        passphrase.clear();
        onChange(next);
        announce(next.enabled ? `Automatic backups on, daily to ${next.folder}` : 'Automatic backups off');
      }}
      actions={<SubmitButton submission={submission}>Save</SubmitButton>}
    >
      <h3 id="schedule-heading" className="field-label">
        Automatic backups
      </h3>
      <SwitchField
        label="Back up daily"
        hint="The personal workspace, once a day, to a folder you choose; the newest 7 are kept. The passphrase is kept in your system keychain."
        checked={enabled}
        onChange={setEnabled}
      />
      {enabled && (
        <>
          <InputField label="Folder" field={folder} mono />
          <InputField
            label={schedule.hasPassphrase ? 'New passphrase (leave empty to keep the current one)' : 'Passphrase'}
            type="password"
            autoComplete="new-password"
            field={passphrase}
          />
        </>
      )}
      {schedule.enabled && schedule.nextBackupAt && <p className="field-hint">Next backup: {formatFullTime(schedule.nextBackupAt)}</p>}
      {schedule.lastError && (
        <p className="field-error" role="alert">
          The last automatic backup failed: {schedule.lastError}
        </p>
      )}
    </SubmissionForm>
  );
}
