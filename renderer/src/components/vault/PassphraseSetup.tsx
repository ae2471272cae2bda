import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useVault } from '../../store';
import { Field } from '../common/Field';
import { FormError } from '../common/FormError';
import { MIN_PASSPHRASE_LENGTH, newPassphraseProblem } from '../../../../shared/model/vault';
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
      <p>
        Keyflow derives the vault key from a passphrase you enter each time it starts. Nobody can recover your secret keys if you
        forget it.
      </p>
      <form
        className="form"
        noValidate
        onSubmit={(event) =>
          submission.submit(event, !passphrase.problem && !confirmation.problem, async () => {
            await setUpPassphrase(passphrase.value);
            passphrase.clear();
            confirmation.clear();
          })
        }
      >
        <Field label="Passphrase" hint={`At least ${MIN_PASSPHRASE_LENGTH} characters.`} error={passphrase.error} alert={Boolean(submission.errorFor('passphrase'))}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              value={passphrase.value}
              onChange={(event) => passphrase.change(event.target.value)}
              onBlur={passphrase.blur}
            />
          )}
        </Field>
        <Field label="Confirm passphrase" error={confirmation.error}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              value={confirmation.value}
              onChange={(event) => confirmation.change(event.target.value)}
              onBlur={confirmation.blur}
            />
          )}
        </Field>
        <FormError message={submission.formError(['passphrase'])} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submission.pending} aria-busy={submission.pending}>
            Protect with a passphrase instead
          </button>
        </div>
      </form>
    </section>
  );
}
