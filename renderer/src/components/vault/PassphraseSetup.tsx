import { MIN_PASSPHRASE_LENGTH, newPassphraseProblem } from '../../../../shared/model/vault';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useVault } from '../../store';
import { InputField } from '../common/InputField';
import { SubmissionForm, SubmitButton } from '../common/SubmissionForm';
import { confirmationProblem } from './passphrase-rules';

/** The explicit choice to protect the vault with a passphrase instead of the keychain. */
export function PassphraseSetup() {
  const setUpPassphrase = useVault((state) => state.setUpPassphrase);
  const submission = useSubmission();
  const passphrase = useTextField(submission, 'passphrase', '', newPassphraseProblem);
  const confirmation = useTextField(submission, 'confirmation', '', (value) => confirmationProblem(passphrase.value, value));

  return (
    <section className="card" aria-labelledby="passphrase-choice">
      <h2 id="passphrase-choice" className="card-title">
        Protect with a passphrase
      </h2>
      <p>Keyflow derives the vault key from a passphrase you enter each time it starts. If you forget it, only the recovery kit that Keyflow then offers opens your secret keys.</p>
      <SubmissionForm
        submission={submission}
        canSubmit={!passphrase.problem && !confirmation.problem}
        fields={['passphrase']}
        onSubmit={async () => {
          await setUpPassphrase(passphrase.value);
          passphrase.clear();
          confirmation.clear();
        }}
        actions={
          <div className="form-actions">
            <SubmitButton submission={submission}>Protect with a passphrase instead</SubmitButton>
          </div>
        }
      >
        <InputField label="Passphrase" hint={`At least ${MIN_PASSPHRASE_LENGTH} characters.`} field={passphrase} type="password" autoComplete="new-password" />
        <InputField label="Confirm passphrase" field={confirmation} type="password" autoComplete="new-password" />
      </SubmissionForm>
    </section>
  );
}
