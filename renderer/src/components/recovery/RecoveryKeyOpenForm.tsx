import type { ReactNode } from 'react';
import { MIN_PASSPHRASE_LENGTH, newPassphraseProblem } from '../../../../shared/model/vault';
import { recoveryKeyProblem } from '../../../../shared/model/recovery-key';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useRecovery, useVault } from '../../store';
import { InputField } from '../common/InputField';
import { SubmissionForm, SubmitButton } from '../common/SubmissionForm';
import { confirmationProblem } from '../vault/passphrase-rules';

export const RECOVERY_KEY_HINT = '28 letters and digits, as on your recovery kit. Case, spaces and hyphens don’t matter.';

interface Props {
  /** The vault is then protected by a new passphrase (recoveryNeedsPassphrase): the old one was forgotten, or the keychain can't be reached. */
  needsPassphrase: boolean;
  title: string;
  children?: ReactNode;
}

/**
 * Opens the vault with its recovery key. A typo is caught while typing (the key's check
 * symbols), before main is asked; main then says whether it is this vault's key, and how
 * long to wait after several wrong ones. The typed key is cleared once the vault opens.
 */
export function RecoveryKeyOpenForm({ needsPassphrase, title, children }: Props) {
  const openWithRecoveryKey = useVault((state) => state.openWithRecoveryKey);
  const loadRecovery = useRecovery((state) => state.load);
  const submission = useSubmission();
  const key = useTextField(submission, 'key', '', recoveryKeyProblem);
  const passphrase = useTextField(submission, 'newPassphrase', '', needsPassphrase ? newPassphraseProblem : undefined);
  const confirmation = useTextField(submission, 'confirmation', '', (value) => (needsPassphrase ? confirmationProblem(passphrase.value, value) : null));

  return (
    <section className="card" aria-labelledby="recovery-open-title">
      <h2 id="recovery-open-title" className="card-title">
        {title}
      </h2>
      {children}
      <SubmissionForm
        submission={submission}
        canSubmit={!key.problem && !passphrase.problem && !confirmation.problem}
        fields={['key', 'newPassphrase']}
        onSubmit={async () => {
          try {
            await openWithRecoveryKey(key.value, needsPassphrase ? passphrase.value : undefined);
            key.clear();
            passphrase.clear();
            confirmation.clear();
          } catch (error) {
            // A wrong key makes the next one wait: Keyflow says until when.
            void loadRecovery();
            throw error;
          }
        }}
        actions={
          <div className="form-actions">
            <SubmitButton submission={submission}>Open vault</SubmitButton>
          </div>
        }
      >
        <InputField label="Recovery key" hint={RECOVERY_KEY_HINT} field={key} mono />
        {needsPassphrase && (
          <>
            <InputField
              label="New passphrase"
              hint={`At least ${MIN_PASSPHRASE_LENGTH} characters. Keyflow asks for it from now on.`}
              field={passphrase}
              type="password"
              autoComplete="new-password"
            />
            <InputField label="Confirm new passphrase" field={confirmation} type="password" autoComplete="new-password" />
          </>
        )}
      </SubmissionForm>
    </section>
  );
}
