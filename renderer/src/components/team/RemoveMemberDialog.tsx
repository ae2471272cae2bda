import { useEffect, useState } from 'react';
import type { Member, RemovalPreview } from '../../../../shared/model/team';
import type { BridgeError } from '../../../../shared/bridge/errors';
import { asBridgeError } from '../../bridge/failure';
import { countOf } from '../../format/count';
import { useTeam } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { AlertCancel, AlertFrame } from '../common/ConfirmDialog';
import type { DialogProps } from '../common/FormDialog';
import { FormError } from '../common/FormError';

type Stage =
  { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'confirm'; preview: RemovalPreview } | { kind: 'removed'; rotateAtSource: { id: string; name: string }[] };

/** What removing the member will do: the keys deleted (and the workflows that used them), the keys re-keyed. */
function RemovalDetails({ preview }: { preview: RemovalPreview }) {
  return (
    <div className="removal-details">
      {preview.deletes.length > 0 && (
        <section aria-label="Keys that will be deleted">
          <p className="callout callout-danger">
            {preview.deletes.length === 1
              ? `1 key ${preview.member.name} created will be deleted. Workflows that use it will show “Needs reconfiguration” until they get another key.`
              : `${countOf(preview.deletes.length, 'key')} ${preview.member.name} created will be deleted. Workflows that use them will show “Needs reconfiguration” until they get other keys.`}
          </p>
          <ul className="usage-list removal-list">
            {preview.deletes.map((secret) => (
              <li key={secret.id} className="usage-workflow">
                <span className="usage-workflow-name">{secret.name}</span>
                <span className="usage-fields">
                  {secret.usedBy.length === 0 ? ' — used by no workflow' : ` — used by ${secret.usedBy.map((use) => use.workflowName).join(', ')}`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {preview.rotates.length > 0 && (
        <section aria-label="Keys that will be re-keyed">
          <p className="note">
            {countOf(preview.rotates.length, 'key')} {preview.member.name} could use will be re-encrypted for the remaining members:
          </p>
          <ul className="usage-list removal-list">
            {preview.rotates.map((secret) => (
              <li key={secret.id}>{secret.name}</li>
            ))}
          </ul>
        </section>
      )}
      {preview.deletes.length === 0 && preview.rotates.length === 0 && <p className="note">{preview.member.name} created no keys and could use none.</p>}
    </div>
  );
}

/**
 * Remove a member: first what it will do (team.previewRemoval), then, once removed, the
 * credentials they could read, to rotate at their source.
 */
export function RemoveMemberDialog({ member, onClose, returnFocusTo }: DialogProps & { member: Member }) {
  const previewRemoval = useTeam((state) => state.previewRemoval);
  const removeMember = useTeam((state) => state.removeMember);
  const announce = useAnnouncer((state) => state.announce);
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);

  useEffect(() => {
    let current = true;
    previewRemoval(member.memberId).then(
      (preview) => current && setStage({ kind: 'confirm', preview }),
      (failure: unknown) => current && setStage({ kind: 'failed', message: asBridgeError(failure).message }),
    );
    return () => {
      current = false;
    };
  }, [member.memberId, previewRemoval]);

  async function remove() {
    setPending(true);
    setError(null);
    try {
      const rotateAtSource = await removeMember(member.memberId);
      setStage({ kind: 'removed', rotateAtSource });
      announce(`${member.name} was removed from the workspace`);
    } catch (failure) {
      setError(asBridgeError(failure));
    } finally {
      setPending(false);
    }
  }

  if (stage.kind === 'removed') {
    return (
      <AlertFrame
        title={`${member.name} was removed`}
        description={
          stage.rotateAtSource.length > 0 ? 'Rotate these credentials at their source: the removed member could read them.' : `${member.name} could read no secret keys.`
        }
        onClose={onClose}
        returnFocusTo={returnFocusTo}
      >
        {stage.rotateAtSource.length > 0 && (
          <ul className="usage-list rotate-list" aria-label="Credentials to rotate">
            {stage.rotateAtSource.map((secret) => (
              <li key={secret.id}>{secret.name}</li>
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <AlertCancel>Done</AlertCancel>
        </div>
      </AlertFrame>
    );
  }

  return (
    <AlertFrame
      title={`Remove ${member.name}?`}
      description={`${member.name} loses access to this workspace, and the keys of every secret they could use are replaced, so their copy of the workspace file can't decrypt anything new.`}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
    >
      {stage.kind === 'loading' && (
        <p className="note" role="status">
          Looking at what removing {member.name} changes…
        </p>
      )}
      {stage.kind === 'failed' && <FormError message={`Couldn’t tell what removing ${member.name} changes: ${stage.message}`} />}
      {stage.kind === 'confirm' && <RemovalDetails preview={stage.preview} />}
      <FormError message={error?.message ?? null} />
      <div className="dialog-actions">
        <AlertCancel />
        <button type="button" className="button button-danger" disabled={stage.kind !== 'confirm' || pending} aria-busy={pending} onClick={() => void remove()}>
          Remove member
        </button>
      </div>
    </AlertFrame>
  );
}
