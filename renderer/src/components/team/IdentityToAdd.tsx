import { useEffect, useId, useState } from 'react';
import type { Submission } from '../../hooks/use-submission';
import { useTextField, type TextField } from '../../hooks/use-text-field';
import { checkIdentity, parseIdentityText, type IdentityCheck, type PastedIdentity } from '../../store/identity-text';
import { InputField } from '../common/InputField';
import { FingerprintView } from '../workspaces/FingerprintView';

export interface IdentityToAdd {
  pasted: TextField;
  identity: PastedIdentity | null;
  /** The identity once its keys were checked (its fingerprint recomputed from them). */
  checked: Extract<IdentityCheck, { ok: true }> | null;
  /** Why the pasted identity can't be used, as the keys' check found. */
  checkProblem: string | null;
  compared: boolean;
  setCompared(compared: boolean): void;
}

/** A pasted identity (Add member, Add as a device of): parsed, its keys checked, and whether its fingerprint was compared. */
export function useIdentityToAdd(submission: Submission): IdentityToAdd {
  const [compared, setCompared] = useState(false);
  const [check, setCheck] = useState<IdentityCheck | null>(null);
  const pasted = useTextField(submission, 'identity', '', (text) => {
    const parsed = parseIdentityText(text);
    return parsed.state === 'empty' ? 'Paste the identity text the person shared.' : parsed.state === 'invalid' ? parsed.problem : null;
  });
  const parsed = parseIdentityText(pasted.value);
  const identity = parsed.state === 'parsed' ? parsed.identity : null;

  // The fingerprint comes from the pasted keys, recomputed here (never from the text).
  useEffect(() => {
    setCheck(null);
    setCompared(false);
    if (!identity) return;
    let current = true;
    void checkIdentity(identity).then((result) => current && setCheck(result));
    return () => {
      current = false;
    };
  }, [identity?.json]);

  return { pasted, identity, checked: check?.ok ? check : null, checkProblem: check && !check.ok ? check.problem : null, compared, setCompared };
}

interface Props {
  state: IdentityToAdd;
  submission: Submission;
  /** Why it can't be added here (beyond its keys' check), or null. */
  problem: string | null;
  /** "Who you are adding", "The device you are adding". */
  heading: string;
  /** Who reads the fingerprint aloud, and what matching it confirms. */
  confirmation: { who: string; note: string };
}

/** The identity text field, and once pasted: who it is, its fingerprint, and the box saying it was compared. */
export function IdentityToAddFields({ state, submission, problem, heading, confirmation }: Props) {
  const id = useId();
  const { pasted, identity, checked, compared, setCompared } = state;
  const shownProblem = state.checkProblem ?? problem;
  return (
    <>
      <InputField label="Identity text" hint="Paste all of the text they sent you; it starts with { and ends with }." field={pasted} rows={6} mono />
      {shownProblem && (
        <p className="form-error" role="alert">
          {shownProblem}
        </p>
      )}
      {identity && checked && !shownProblem && (
        <section className="identity-preview" aria-labelledby={`${id}-who`}>
          <h3 id={`${id}-who`} className="field-label">
            {heading}
          </h3>
          <dl className="details-list">
            <dt>Name</dt>
            <dd>{identity.name}</dd>
            <dt>Email</dt>
            <dd>{identity.email || '—'}</dd>
          </dl>
          <FingerprintView fingerprint={checked.fingerprint} />
          <p className="note">{confirmation.note}</p>
          <label className="check">
            <input
              type="checkbox"
              checked={compared}
              aria-invalid={submission.attempted && !compared ? true : undefined}
              aria-describedby={submission.attempted && !compared ? `${id}-compared-error` : undefined}
              onChange={(event) => setCompared(event.target.checked)}
            />
            <span>I compared this fingerprint with {confirmation.who} and it matches</span>
          </label>
          {submission.attempted && !compared && (
            <p className="field-error" id={`${id}-compared-error`}>
              Compare the fingerprint with them first.
            </p>
          )}
        </section>
      )}
    </>
  );
}
