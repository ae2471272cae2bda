import { useEffect, useRef, useState } from 'react';
import type { StartOverPreview } from '../../../../shared/model/recovery';
import { asBridgeError } from '../../bridge/failure';
import { useRecovery, useVault } from '../../store';
import { AlertCancel, AlertFrame } from '../common/ConfirmDialog';
import type { DialogProps } from '../common/FormDialog';
import { FormError } from '../common/FormError';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The way out when the vault can't be opened: an empty vault, after saying exactly what is lost. */
export function StartOverCard() {
  const [asking, setAsking] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <section className="card" aria-labelledby="start-over-title">
      <h2 id="start-over-title" className="card-title">
        Start over
      </h2>
      <p>Without the recovery key, Keyflow can only set this vault aside and begin with an empty one. Its secret keys can’t be used again, unless Keyflow’s key turns up.</p>
      <div className="form-actions form-actions-start">
        <button ref={buttonRef} type="button" className="button button-danger" onClick={() => setAsking(true)}>
          Start over…
        </button>
      </div>
      {asking && <StartOverDialog onClose={() => setAsking(false)} returnFocusTo={() => buttonRef.current} />}
    </section>
  );
}

/** "Start over?": what can't be used any more, where the old vault is kept, and a box to tick before the button works. */
function StartOverDialog({ onClose, returnFocusTo }: DialogProps) {
  const previewStartOver = useRecovery((state) => state.previewStartOver);
  const startOver = useVault((state) => state.startOver);
  const [preview, setPreview] = useState<StartOverPreview | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    previewStartOver().then(setPreview, (error: unknown) => setProblem(asBridgeError(error).message));
  }, [previewStartOver]);

  async function confirm() {
    setAttempted(true);
    if (!understood || !preview) return;
    setPending(true);
    setProblem(null);
    try {
      await startOver();
      // The gate now shows the new vault: this dialog goes with the screen it was on.
    } catch (error) {
      setProblem(asBridgeError(error).message);
      setPending(false);
    }
  }

  return (
    <AlertFrame
      title="Start over with an empty vault?"
      description="Keyflow can’t open this vault without its recovery key. Starting over leaves all of this behind:"
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    >
      {preview ? (
        <>
          <ul className="start-over-losses" aria-label="What is lost">
            <li>{plural(preview.secretKeys, 'secret key', 'secret keys')}: their values can’t be used or recovered</li>
            <li>
              {plural(preview.workflows, 'workflow', 'workflows')} and {plural(preview.runs, 'run', 'runs')} in their history
            </li>
            {preview.teamWorkspaces.length > 0 && <li>your membership of {preview.teamWorkspaces.join(', ')}: an Admin has to add you again, as a new identity</li>}
          </ul>
          <p className="note">
            A copy of the old vault stays in your Keyflow data folder as {preview.setAsideFile}: if Keyflow’s key or the recovery key turns up, it can still be opened.
          </p>
          <label className="check">
            <input
              type="checkbox"
              checked={understood}
              aria-invalid={attempted && !understood ? true : undefined}
              aria-describedby={attempted && !understood ? 'start-over-understood-error' : undefined}
              onChange={(event) => setUnderstood(event.target.checked)}
            />
            <span>I understand that Keyflow can’t use any of this after starting over</span>
          </label>
          {attempted && !understood && (
            <p className="field-error" id="start-over-understood-error">
              Tick the box to start over, or cancel.
            </p>
          )}
        </>
      ) : (
        !problem && (
          <p className="loading" role="status">
            Counting what this vault holds…
          </p>
        )
      )}
      <FormError message={problem} />
      <div className="dialog-actions">
        <AlertCancel />
        <button type="button" className="button button-danger" disabled={pending || !preview} aria-busy={pending} onClick={() => void confirm()}>
          Start over
        </button>
      </div>
    </AlertFrame>
  );
}
