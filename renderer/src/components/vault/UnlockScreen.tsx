import { useRef } from 'react';
import { useFocusIfLost } from '../../hooks/use-focus-if-lost';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useVault } from '../../store';
import { Field } from '../common/Field';
import { FormError } from '../common/FormError';

const required = (value: string) => (value.length === 0 ? 'Enter your passphrase.' : null);

/** The vault is protected by a passphrase: ask for it. */
export function UnlockScreen() {
  const unlock = useVault((state) => state.unlock);
  const submission = useSubmission();
  const passphrase = useTextField(submission, 'passphrase', '', required);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusIfLost(headingRef);

  return (
    <section className="screen screen-narrow" aria-labelledby="unlock-heading">
      <h1 id="unlock-heading" className="screen-title" ref={headingRef} tabIndex={-1}>
        Unlock Keyflow
      </h1>
      <p>Your vault is protected by a passphrase. Enter it to use your secret keys.</p>
      <form
        className="form card"
        noValidate
        onSubmit={(event) =>
          submission.submit(event, !passphrase.problem, async () => {
            try {
              await unlock(passphrase.value);
            } finally {
              passphrase.clear();
            }
          })
        }
      >
        <Field label="Passphrase" error={passphrase.error} alert={Boolean(submission.errorFor('passphrase'))}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              autoComplete="current-password"
              spellCheck={false}
              value={passphrase.value}
              onChange={(event) => passphrase.change(event.target.value)}
            />
          )}
        </Field>
        <FormError message={submission.formError(['passphrase'])} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submission.pending} aria-busy={submission.pending}>
            Unlock
          </button>
        </div>
      </form>
    </section>
  );
}
