import { useRef, useState } from 'react';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useVault } from '../../store';
import { InputField } from '../common/InputField';
import { SubmissionForm, SubmitButton } from '../common/SubmissionForm';
import { RecoveryKeyOpenForm } from '../recovery/RecoveryKeyOpenForm';
import { useRecoveryStatus } from '../recovery/use-recovery-status';

const required = (value: string) => (value.length === 0 ? 'Enter your passphrase.' : null);

/** The vault is protected by a passphrase: ask for it, or, when it is forgotten, for the recovery key and a new one. */
export function UnlockScreen() {
  const unlock = useVault((state) => state.unlock);
  const submission = useSubmission();
  const passphrase = useTextField(submission, 'passphrase', '', required);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef);
  const recovery = useRecoveryStatus();
  const [forgotten, setForgotten] = useState(false);

  return (
    <section className="screen screen-narrow" aria-labelledby="unlock-heading">
      <h1 id="unlock-heading" className="screen-title" ref={headingRef} tabIndex={-1}>
        Unlock Keyflow
      </h1>
      <p>Your vault is protected by a passphrase. Enter it to use your secret keys.</p>
      <SubmissionForm
        className="form card"
        submission={submission}
        canSubmit={!passphrase.problem}
        fields={['passphrase']}
        onSubmit={async () => {
          try {
            await unlock(passphrase.value);
          } finally {
            passphrase.clear();
          }
        }}
        actions={
          <div className="form-actions">
            <SubmitButton submission={submission}>Unlock</SubmitButton>
          </div>
        }
      >
        <InputField label="Passphrase" field={passphrase} type="password" autoComplete="current-password" />
      </SubmissionForm>
      {recovery?.key &&
        (forgotten ? (
          <RecoveryKeyOpenForm needsPassphrase title="Open with your recovery key">
            <p>Your recovery key opens the vault without the passphrase. Choose a new passphrase: the old one then stops working.</p>
          </RecoveryKeyOpenForm>
        ) : (
          <button type="button" className="button button-ghost" onClick={() => setForgotten(true)}>
            Forgot your passphrase?
          </button>
        ))}
    </section>
  );
}
