import { useEffect, useState } from 'react';
import type { SecretMeta } from '../../../../shared/model/secret';
import { useNow } from '../../hooks/use-now';
import { useEnvironments, useKeyHistory, useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { DialogClose, DialogFrame } from '../common/DialogFrame';
import type { DialogProps } from '../common/FormDialog';
import { RelativeTime } from './RelativeTime';

/**
 * A key's value versions in each environment: who set each and when (never a value), and
 * Roll back for who may manage the key. Earlier versions are those this computer keeps.
 */
export function HistoryDialog({ secret, onClose, returnFocusTo }: DialogProps & { secret: SecretMeta }) {
  const now = useNow();
  const environments = useEnvironments((state) => state.environments);
  const versions = useKeyHistory((state) => (state.secretId === secret.id ? state.versions : null));
  const error = useKeyHistory((state) => state.error);
  const loadVersions = useKeyHistory((state) => state.loadVersions);
  const rollback = useSecrets((state) => state.rollback);
  const announce = useAnnouncer((state) => state.announce);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    void loadVersions(secret.id);
  }, [loadVersions, secret.id]);

  const rollBack = async (environmentId: string, version: number, environmentName: string) => {
    setBusy(`${environmentId}:${version}`);
    setRefusal(null);
    try {
      const updated = await rollback(secret.id, environmentId, version);
      const now = updated.values.find((entry) => entry.environmentId === environmentId)?.valueVersion;
      announce(`Rolled back “${updated.name}” to version ${version} in ${environmentName}: it is now version ${now}`);
      await loadVersions(secret.id);
    } catch (failure) {
      setRefusal((failure as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <DialogFrame
      title={`History of “${secret.name}”`}
      description="Every value change keeps the previous value, encrypted; none can be shown. Roll back makes an earlier one current again, as a new version. This computer keeps the versions it has held."
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      wide
    >
      {refusal && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      {error && !versions?.length && <p className="form-error">{error}</p>}
      {versions === null ? (
        <p className="note">Loading versions…</p>
      ) : (
        environments.map((environment) => {
          const ofEnvironment = versions.filter((version) => version.environmentId === environment.id);
          return (
            <section key={environment.id} className="history-environment" aria-label={`Versions in ${environment.name}`}>
              {environments.length > 1 && <h3 className="history-heading">{environment.name}</h3>}
              {ofEnvironment.length === 0 ? (
                <p className="note">No value here, and no earlier one kept.</p>
              ) : (
                <ul className="history-list">
                  {ofEnvironment.map((version) => (
                    <li key={version.version} className="history-item">
                      <span className="history-version">Version {version.version}</span>
                      {version.current && <span className="badge badge-neutral">Current</span>}
                      {version.linked && <span className="cell-muted"> linked</span>}
                      {version.hint && <span className="mono cell-muted"> ••••{version.hint}</span>}
                      <span className="cell-muted">
                        {' '}
                        {version.setAt ? (
                          <>
                            set by {version.setBy ?? 'someone'} <RelativeTime iso={version.setAt} now={now} />
                          </>
                        ) : (
                          'set before Keyflow kept versions'
                        )}
                      </span>
                      {!version.current && secret.rights.manage && (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          disabled={busy !== null}
                          aria-label={`Roll back to version ${version.version} in ${environment.name}`}
                          onClick={() => void rollBack(environment.id, version.version, environment.name)}
                        >
                          Roll back
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
      <div className="dialog-actions">
        <DialogClose variant="primary">Done</DialogClose>
      </div>
    </DialogFrame>
  );
}
