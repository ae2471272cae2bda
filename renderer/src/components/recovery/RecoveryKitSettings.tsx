import { useRef, useState } from 'react';
import { recoveryKeyProblem } from '../../../../shared/model/recovery-key';
import { useSubmission } from '../../hooks/use-submission';
import { useTextField } from '../../hooks/use-text-field';
import { useRecovery } from '../../store';
import { AlertCancel, AlertFrame } from '../common/ConfirmDialog';
import { FormError } from '../common/FormError';
import { InputField } from '../common/InputField';
import { SubmissionForm, SubmitButton } from '../common/SubmissionForm';
import { kitDate } from './kit-date';
import { RECOVERY_KEY_HINT } from './RecoveryKeyOpenForm';
import { RecoveryKitDialog } from './RecoveryKitDialog';
import { useKitMaker } from './use-kit-maker';
import { useRecoveryStatus } from './use-recovery-status';

/** Settings › Recovery kit: whether there is a key and since when, making or replacing it, and checking a typed key. */
export function RecoveryKitSettings() {
  const status = useRecoveryStatus();
  const maker = useKitMaker();
  const [replacing, setReplacing] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  if (!status) return null;
  const { key } = status;

  return (
    <section className="card" aria-labelledby="recovery-settings-title">
      <h2 id="recovery-settings-title" className="card-title">
        Recovery kit
      </h2>
      <p>
        The recovery key opens this vault when the keychain has lost Keyflow’s key (a reinstall, a new computer) or the passphrase is forgotten. Keyflow shows it once, when it is
        made; keep the kit offline.
      </p>
      <dl className="details-list">
        <dt>Vault</dt>
        <dd className="mono">{status.vaultId}</dd>
        <dt>Recovery key</dt>
        <dd>{key ? `Made ${kitDate(key.createdAt)}` : 'None yet'}</dd>
        {key && (
          <>
            <dt>Kit kept</dt>
            <dd>{key.savedAt ? `Confirmed ${kitDate(key.savedAt)}` : 'Not confirmed: replace the key to make a kit you keep'}</dd>
          </>
        )}
      </dl>
      <FormError message={maker.problem} />
      <div className="form-actions form-actions-start">
        <button
          ref={buttonRef}
          type="button"
          className={key ? 'button button-secondary' : 'button button-primary'}
          disabled={maker.pending}
          aria-busy={maker.pending}
          onClick={() => (key ? setReplacing(true) : void maker.make())}
        >
          {key ? 'Replace recovery key…' : 'Make recovery kit'}
        </button>
      </div>
      {key && <CheckRecoveryKeyForm />}
      {replacing && (
        <AlertFrame
          title="Replace the recovery key?"
          description="The key in your current recovery kit stops working at once. Keyflow then shows the new key once, to save as a new kit."
          onClose={() => setReplacing(false)}
          returnFocusTo={() => buttonRef.current}
        >
          <div className="dialog-actions">
            <AlertCancel />
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setReplacing(false);
                void maker.make();
              }}
            >
              Replace recovery key
            </button>
          </div>
        </AlertFrame>
      )}
      {maker.kit && <RecoveryKitDialog kit={maker.kit} onClose={maker.close} returnFocusTo={() => buttonRef.current} />}
    </section>
  );
}

/** Is the key in my kit still the right one? Main answers; a typo is caught first, and the field is cleared once it matches. */
function CheckRecoveryKeyForm() {
  const check = useRecovery((state) => state.check);
  const submission = useSubmission();
  const key = useTextField(submission, 'key', '', recoveryKeyProblem);
  const [confirmed, setConfirmed] = useState(false);

  return (
    <SubmissionForm
      submission={submission}
      canSubmit={!key.problem}
      fields={['key']}
      onSubmit={async () => {
        setConfirmed(false);
        await check(key.value);
        key.clear();
        setConfirmed(true);
      }}
      actions={
        <>
          <div className="form-actions form-actions-start">
            <SubmitButton submission={submission} variant="secondary">
              Check recovery key
            </SubmitButton>
          </div>
          <p role="status" className="note">
            {confirmed ? 'That is this vault’s recovery key.' : ''}
          </p>
        </>
      }
    >
      <InputField
        label="Check a recovery key"
        hint={RECOVERY_KEY_HINT}
        field={{
          ...key,
          change(value) {
            setConfirmed(false);
            key.change(value);
          },
        }}
        mono
      />
    </SubmissionForm>
  );
}
