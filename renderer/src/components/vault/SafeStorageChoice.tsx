import { useSubmission } from '../../hooks/use-submission';
import { useVault } from '../../store';
import { SubmissionForm, SubmitButton } from '../common/SubmissionForm';

/** The explicit choice of Electron safe storage instead of the keychain. */
export function SafeStorageChoice() {
  const chooseSafeStorage = useVault((state) => state.chooseSafeStorage);
  const submission = useSubmission();

  return (
    <section className="card" aria-labelledby="safe-storage-choice">
      <h2 id="safe-storage-choice" className="card-title">
        Use Electron safe storage
      </h2>
      <p>Electron encrypts the vault key with a key your operating system keeps for your user account. Only this account on this computer can open the vault.</p>
      <SubmissionForm
        submission={submission}
        canSubmit
        fields={[]}
        onSubmit={chooseSafeStorage}
        actions={
          <div className="form-actions">
            <SubmitButton submission={submission} variant="secondary">
              Use Electron safe storage
            </SubmitButton>
          </div>
        }
      />
    </section>
  );
}
