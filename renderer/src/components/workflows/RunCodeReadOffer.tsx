import type { SecretMeta } from '../../../../shared/model/secret';
import { useSecrets } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';

/**
 * Under a Run Code variable holding keys that code may not read yet: says so, and offers
 * to turn on "Readable by Run Code" for each key this person may manage.
 */
export function RunCodeReadOffer({ secrets }: { secrets: readonly SecretMeta[] }) {
  const setReadable = useSecrets((state) => state.setReadableByRunCode);
  const announce = useAnnouncer((state) => state.announce);
  if (secrets.length === 0) return null;
  return (
    <div className="field-hint" role="status">
      {secrets.map((secret) => (
        <p key={secret.id}>
          Run Code can’t read “{secret.name}” yet: the step will stop before running.{' '}
          {secret.rights.manage ? (
            <button
              type="button"
              className="button button-link"
              onClick={() =>
                void setReadable(secret.id, true).then(
                  () => announce(`Run Code can now read “${secret.name}”`),
                  (error: Error) => announce(error.message),
                )
              }
            >
              Let Run Code read “{secret.name}”
            </button>
          ) : (
            'Ask its owner or an Admin to turn on “Readable by Run Code”.'
          )}
        </p>
      ))}
    </div>
  );
}
