import { useRef, useState } from 'react';
import type { KitFormat, NewRecoveryKit } from '../../../../shared/model/recovery';
import { asBridgeError } from '../../bridge/failure';
import { useRecovery } from '../../store';
import { useAnnouncer } from '../../store/announcer-store';
import { DialogFrame } from '../common/DialogFrame';
import type { DialogProps } from '../common/FormDialog';
import { FormError } from '../common/FormError';
import { BrowseButton } from '../workspaces/PathBrowser';
import { kitDate } from './kit-date';

const FORMAT_NAMES: Record<KitFormat, string> = { pdf: 'PDF', text: 'text file' };

interface Props extends DialogProps {
  /** The kit just made: its key is shown here, once, and nowhere else. */
  kit: NewRecoveryKit;
}

/**
 * The one time a recovery key is shown: the key, the vault it opens and its date, saved as
 * a PDF or a text file by main (the key never travels back), and "I have saved it".
 * However it closes, main forgets the key; only Done with the box ticked counts as saved.
 */
export function RecoveryKitDialog({ kit, onClose, returnFocusTo }: Props) {
  const closeKit = useRecovery((state) => state.closeKit);
  const saveKit = useRecovery((state) => state.saveKit);
  const announce = useAnnouncer((state) => state.announce);
  const [saved, setSaved] = useState<string[]>([]);
  const [kept, setKept] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const keptRef = useRef<HTMLInputElement>(null);

  function close(savedKit: boolean) {
    void closeKit(savedKit).catch(() => undefined);
    onClose();
  }

  async function save(format: KitFormat, folder: string) {
    setProblem(null);
    try {
      const path = await saveKit(format, folder);
      setSaved((paths) => [...paths, path]);
      announce(`Recovery kit saved as ${path}`);
    } catch (error) {
      setProblem(`The ${FORMAT_NAMES[format]} was not saved: ${asBridgeError(error).message}`);
    }
  }

  function done() {
    if (!kept) {
      setProblem('Tick the box once your kit is saved or written down, or close this to make a new kit later.');
      keptRef.current?.focus();
      return;
    }
    close(true);
  }

  return (
    <DialogFrame
      title="Your recovery kit"
      description="This is the only time Keyflow shows your recovery key. Save the kit or write the key down, and keep it away from this computer: with it, your vault opens even if this computer's keychain loses Keyflow's key, or you forget your passphrase."
      onClose={() => close(false)}
      returnFocusTo={returnFocusTo}
      wide
      keepOnOutsideClick
    >
      <figure className="recovery-kit">
        <figcaption className="field-label">Recovery key</figcaption>
        <p className="recovery-key">{kit.key}</p>
        <dl className="details-list">
          <dt>Vault</dt>
          <dd>{kit.vaultId}</dd>
          <dt>Made</dt>
          <dd>{kitDate(kit.createdAt)}</dd>
        </dl>
      </figure>
      <div className="recovery-kit-save" role="group" aria-label="Save the kit">
        <BrowseButton kind="save-folder" current="" label="folder to save the PDF in" text="Save as PDF…" onChosen={(folder) => void save('pdf', folder)} />
        <BrowseButton kind="save-folder" current="" label="folder to save the text file in" text="Save as text file…" onChosen={(folder) => void save('text', folder)} />
      </div>
      {saved.length > 0 && (
        <ul className="recovery-kit-saved" aria-label="Saved">
          {saved.map((path) => (
            <li key={path}>Saved as {path}</li>
          ))}
        </ul>
      )}
      <p className="note">
        Print the PDF or copy the file onto a USB stick, and keep it offline, away from this computer: anyone who has the key and this computer's Keyflow data can open your vault.
      </p>
      <label className="check">
        <input ref={keptRef} type="checkbox" checked={kept} onChange={(event) => setKept(event.target.checked)} />
        <span>I have saved my recovery kit or written the key down, and keep it somewhere safe</span>
      </label>
      <FormError message={problem} />
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={done}>
          Done
        </button>
      </div>
    </DialogFrame>
  );
}
