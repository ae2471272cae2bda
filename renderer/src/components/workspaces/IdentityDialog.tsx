import { useEffect, useId, useRef, useState } from 'react';
import { emailProblem, personNameProblem, type Profile } from '../../../../shared/model/team';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useIdentity } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { DialogClose, DialogFrame } from '../common/DialogFrame';
import { ErrorBanner } from '../common/ErrorBanner';
import type { DialogProps } from '../common/FormDialog';
import { InputField } from '../common/InputField';
import { SubmissionForm, SubmitButton } from '../common/SubmissionForm';
import { FingerprintView } from './FingerprintView';

/** Name and email, as members and Admins see them (identity.update). */
function ProfileForm({ profile }: { profile: Profile }) {
  const update = useIdentity((state) => state.update);
  const announce = useAnnouncer((state) => state.announce);
  const submission = useSubmission();
  const name = useTextField(submission, 'name', profile.name, personNameProblem);
  const email = useTextField(submission, 'email', profile.email, emailProblem);
  const unchanged = name.value.trim() === profile.name && email.value.trim() === profile.email;

  return (
    <SubmissionForm
      submission={submission}
      canSubmit={!name.problem && !email.problem}
      fields={['name', 'email']}
      onSubmit={async () => {
        if (unchanged && profile.named) return;
        const updated = await update(name.value, email.value);
        announce(`Your identity now says ${updated.name}${updated.email ? ` <${updated.email}>` : ''}`);
      }}
      actions={
        <div className="form-actions">
          <SubmitButton submission={submission} variant="secondary">
            Save name and email
          </SubmitButton>
        </div>
      }
    >
      {!profile.named && (
        <p className="callout callout-block callout-info">
          Keyflow took “{profile.name}” from your computer account. Choose the name and email team members will see next to your keys and changes.
        </p>
      )}
      <div className="form-row">
        <InputField label="Name" field={name} maxLength={200} />
        <InputField label="Email" field={email} maxLength={320} autoComplete="email" />
      </div>
    </SubmissionForm>
  );
}

/** "Share your identity": the text to hand an Admin, a Copy button, and the fingerprint to compare by another channel. */
function ShareIdentity() {
  const id = useId();
  const shared = useIdentity((state) => state.shared);
  const shareError = useIdentity((state) => state.shareError);
  const announce = useAnnouncer((state) => state.announce);
  const [copyProblem, setCopyProblem] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  async function copy() {
    if (!shared) return;
    setCopyProblem(null);
    try {
      await navigator.clipboard.writeText(shared.text);
      announce('Identity text copied. Paste it into a message to an Admin.');
    } catch {
      textRef.current?.select();
      setCopyProblem('Keyflow couldn’t copy to the clipboard. The text is selected: copy it with Ctrl+C (⌘C on a Mac).');
    }
  }

  return (
    <section className="identity-share" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        Share your identity
      </h3>
      <p className="note">
        To join a team workspace — or to add this machine as a device of you in one you already belong to — send this text to one of its Admins, by email or chat. It holds your
        name, email and public keys only: nothing secret.
      </p>
      {shareError && <p className="form-error">{shareError}</p>}
      {shared ? (
        <>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-text`}>
              Identity text
            </label>
            <textarea ref={textRef} id={`${id}-text`} className="input textarea input-mono identity-text" rows={7} readOnly value={shared.text} spellCheck={false} />
          </div>
          <div className="form-actions form-actions-start">
            <button type="button" className="button button-primary" onClick={() => void copy()}>
              Copy identity text
            </button>
          </div>
          {copyProblem && (
            <p className="form-error" role="alert">
              {copyProblem}
            </p>
          )}
          <FingerprintView fingerprint={shared.fingerprint} label="Your fingerprint" />
          <p className="callout callout-block callout-info">
            When the Admin adds you, Keyflow shows them the fingerprint of the text they received. Read yours to them, or have them read theirs to you, over another channel — a
            call or in person, not the message that carried the text. If every group matches, nobody swapped your keys on the way.
          </p>
        </>
      ) : (
        !shareError && <p className="note">Preparing your identity…</p>
      )}
    </section>
  );
}

/** Your identity: the name and email others see, and the public identity to share with an Admin. */
export function IdentityDialog({ onClose, returnFocusTo }: DialogProps) {
  const profile = useIdentity((state) => state.profile);
  const loadState = useIdentity((state) => state.loadState);
  const loadError = useIdentity((state) => state.loadError);
  const load = useIdentity((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <DialogFrame
      title="Your identity"
      description="Who you are in team workspaces: the name and email members see, and the keys this device signs and decrypts with. The private keys never leave this device’s keychain."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      wide
    >
      {loadState === 'failed' && !profile ? (
        <ErrorBanner title="Your identity could not be loaded" message={loadError ?? ''} onRetry={() => void load()} />
      ) : profile ? (
        <ProfileForm key={profile.memberId} profile={profile} />
      ) : (
        <p className="loading" role="status">
          Loading your identity…
        </p>
      )}
      <ShareIdentity />
      <div className="dialog-actions">
        <DialogClose>Close</DialogClose>
      </div>
    </DialogFrame>
  );
}
