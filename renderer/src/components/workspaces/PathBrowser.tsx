import { useEffect, useId, useRef, useState } from 'react';
import type { FolderListing, PathKind } from '../../../../shared/model/files';
import { bridge } from '../../bridge/instance';
import { asBridgeError } from '../../bridge/failure';
import { DialogClose, DialogFrame } from '../common/DialogFrame';
import type { DialogProps } from '../common/FormDialog';
import { latestOnly } from '../../store/latest-load';

const TITLES: Record<PathKind, string> = { folder: 'Choose a folder', 'workspace-file': 'Choose a workspace file', 'save-folder': 'Choose where to save' };
const DESCRIPTIONS: Record<PathKind, string> = {
  folder: 'Open the folder your sync service shares, then choose it.',
  'workspace-file': 'Open the folder that holds the workspace file, then pick the file.',
  'save-folder': 'Open the folder to save in, then choose it.',
};

interface BrowserProps extends DialogProps {
  kind: PathKind;
  /** Where to start: the path typed so far (or its folder), else the home folder. */
  start: string;
  onChosen(path: string): void;
}

/**
 * Keyflow's own file dialog (the browser host has no system one): folders and workspace
 * files, listed by main. A folder is chosen as it is shown; a workspace file by picking it.
 */
export function PathBrowserDialog({ kind, start, onChosen, onClose, returnFocusTo }: BrowserProps) {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [typed, setTyped] = useState(start);
  const listId = useId();
  const [loads] = useState(latestOnly);
  // Edits to the path field: a listing that arrives after the person started typing leaves their text alone.
  const edits = useRef(0);

  /** Lists `path`; `start`: the folder the dialog opened on, which falls back to the home folder when it is none. */
  async function show(path: string | undefined, start = false) {
    const load = loads.take();
    const editsBefore = edits.current;
    try {
      const next = await bridge['files.list']({ ...(path ? { path } : {}) });
      if (!loads.isLatest(load)) return;
      setListing(next);
      if (edits.current === editsBefore) setTyped(next.path);
      setProblem(null);
    } catch (error) {
      if (!loads.isLatest(load)) return;
      setProblem(asBridgeError(error).message);
      if (start && path) void show(undefined);
    }
  }

  useEffect(() => {
    const folder = kind === 'workspace-file' && start.toLowerCase().endsWith('.keyflow') ? start.replace(/[/\\][^/\\]*$/, '') : start;
    void show(folder || undefined, true);
  }, []);

  function choose(path: string) {
    onChosen(path);
    onClose();
  }

  const files = listing?.entries.filter((entry) => entry.kind === 'workspace-file') ?? [];
  // Saving a file needs only a folder: workspace files there are not offered to pick.
  const shown = listing?.entries.filter((entry) => kind !== 'save-folder' || entry.kind === 'folder') ?? [];
  return (
    <DialogFrame title={TITLES[kind]} description={DESCRIPTIONS[kind]} onClose={onClose} returnFocusTo={returnFocusTo} wide>
      <form
        className="path-go"
        onSubmit={(event) => {
          event.preventDefault();
          // React passes events up through the portal: the form this dialog was opened from must not submit.
          event.stopPropagation();
          void show(typed.trim() || undefined);
        }}
      >
        <label className="visually-hidden" htmlFor={`${listId}-path`}>
          Folder path
        </label>
        <input
          id={`${listId}-path`}
          className="input input-mono"
          value={typed}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            edits.current += 1;
            setTyped(event.target.value);
          }}
        />
        <button type="submit" className="button button-secondary">
          Go
        </button>
      </form>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {listing && (
        <>
          <div className="path-places" role="group" aria-label="Places">
            <button type="button" className="button button-ghost button-small" disabled={!listing.parent} onClick={() => listing.parent && void show(listing.parent)}>
              Up one folder
            </button>
            {listing.places.map((place) => (
              <button key={place.path} type="button" className="button button-ghost button-small" onClick={() => void show(place.path)}>
                {place.name}
              </button>
            ))}
          </div>
          <ul className="path-list" aria-label={`In ${listing.path}`}>
            {shown.map((entry) => (
              <li key={entry.path}>
                <button
                  type="button"
                  className={`path-entry path-entry-${entry.kind}`}
                  onClick={() => (entry.kind === 'folder' ? void show(entry.path) : choose(entry.path))}
                  aria-label={entry.kind === 'folder' ? `Open folder ${entry.name}` : `Choose ${entry.name}`}
                >
                  <span aria-hidden="true">{entry.kind === 'folder' ? '📁' : '🔑'}</span> {entry.name}
                </button>
              </li>
            ))}
            {shown.length === 0 && <li className="note">{kind === 'workspace-file' ? 'No folders or workspace files in here.' : 'No folders in here.'}</li>}
          </ul>
          {listing.truncated && <p className="note">Only part of this folder is listed: type a path to go further.</p>}
          {kind === 'workspace-file' && files.length === 0 && listing.entries.length > 0 && <p className="note">No workspace file (.keyflow) in this folder.</p>}
        </>
      )}
      <div className="dialog-actions">
        <DialogClose />
        {kind !== 'workspace-file' && (
          <button type="button" className="button button-primary" disabled={!listing} onClick={() => listing && choose(listing.path)}>
            Choose this folder
          </button>
        )}
      </div>
    </DialogFrame>
  );
}

interface BrowseButtonProps {
  kind: PathKind;
  current: string;
  onChosen(path: string): void;
  /** What is being chosen, for screen readers ("Browse… for the folder"). */
  label: string;
  /** The button's text, when it says more than Browse… (e.g. "Save as PDF…"). */
  text?: string;
}

/** Browse…: the system's file dialog where there is one (Electron), Keyflow's own otherwise. */
export function BrowseButton({ kind, current, onChosen, label, text }: BrowseButtonProps) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  async function browse() {
    setProblem(null);
    try {
      const app = await bridge['app.info']({});
      if (!app.nativeFileDialogs) return setOpen(true);
      const { path } = await bridge['files.choose']({ kind });
      if (path) onChosen(path);
    } catch (error) {
      setProblem(asBridgeError(error).message);
    }
  }

  return (
    <>
      <button ref={buttonRef} type="button" className="button button-secondary browse-button" onClick={() => void browse()}>
        {text ?? (
          <>
            Browse…<span className="visually-hidden"> for the {label.toLowerCase()}</span>
          </>
        )}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {open && <PathBrowserDialog kind={kind} start={current} onChosen={onChosen} onClose={() => setOpen(false)} returnFocusTo={() => buttonRef.current} />}
    </>
  );
}
