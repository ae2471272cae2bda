import { useEffect, useState } from 'react';
import { VERSIONS_KEPT_MAX, VERSIONS_KEPT_MIN } from '../../../../shared/model/versions';
import { useKeyHistory } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';

/** The workspace's rules for values: earlier versions kept for Roll back, and refusing runs with expired keys (Owners and Admins). */
export function KeySettings() {
  const policy = useKeyHistory((state) => state.policy);
  const loadPolicy = useKeyHistory((state) => state.loadPolicy);
  const setPolicy = useKeyHistory((state) => state.setPolicy);
  const announce = useAnnouncer((state) => state.announce);
  const [kept, setKept] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    void loadPolicy();
  }, [loadPolicy]);
  useEffect(() => {
    if (policy) setKept(String(policy.versionsKept));
  }, [policy]);
  if (!policy) return null;

  const save = (versionsKept: number, refuseExpiredKeys: boolean) => {
    setRefusal(null);
    setPolicy({ versionsKept, refuseExpiredKeys }).then(
      (saved) => announce(`Keeping ${saved.versionsKept} earlier versions; runs with expired keys are ${saved.refuseExpiredKeys ? 'refused' : 'allowed, with a warning'}`),
      (failure: Error) => setRefusal(failure.message),
    );
  };
  return (
    <details className="key-settings">
      <summary>Version and rotation settings</summary>
      <form
        className="key-settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          save(Number(kept), policy.refuseExpiredKeys);
        }}
      >
        <label>
          Earlier versions kept per key and environment ({VERSIONS_KEPT_MIN}–{VERSIONS_KEPT_MAX}){' '}
          <input className="input input-narrow" inputMode="numeric" value={kept} onChange={(event) => setKept(event.target.value)} />
        </label>
        <button type="submit" className="button button-secondary button-small">
          Save
        </button>
        <label className="checkbox-label">
          <input type="checkbox" checked={policy.refuseExpiredKeys} onChange={(event) => save(policy.versionsKept, event.target.checked)} /> Refuse runs with expired keys
        </label>
        {refusal && (
          <p className="form-error" role="alert">
            {refusal}
          </p>
        )}
      </form>
    </details>
  );
}
