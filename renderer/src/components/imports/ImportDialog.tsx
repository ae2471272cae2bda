import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { IMPORT_FORMAT_LABELS, type ImportFormat, type ImportOutcome, type ImportPreview, type ImportSource } from '../../../../shared/model/imports';
import { asBridgeError } from '../../bridge/failure';
import { useEnvironments, useImports, useSecrets } from '../../store';
import { DialogFrame } from '../common/DialogFrame';
import type { DialogProps } from '../common/FormDialog';
import { choiceProblems, decisionsOf, importSummary, initialChoices, type PreviewChoices } from './import-decisions';
import { ImportPreviewView } from './ImportPreviewView';
import { readImportFile } from './read-import-file';

const PASTE_HINT: Record<ImportFormat, string> = {
  curl: 'One or more curl commands, as API docs or a browser’s “Copy as cURL” (bash or cmd) give them.',
  postman: 'A collection exported from Postman (v2.0 or v2.1), or a Postman environment.',
  openapi: 'An OpenAPI 3.x or Swagger 2.0 description, JSON or YAML, in one file.',
  env: 'NAME=value lines, as in a .env file.',
};

const FILE_TYPES: Record<ImportFormat, string> = {
  curl: '.sh,.txt,.curl,text/plain',
  postman: '.json,application/json',
  openapi: '.json,.yaml,.yml,application/json,application/yaml',
  env: '.env,text/plain',
};

interface Props extends DialogProps {
  format: ImportFormat;
  onImported(outcome: ImportOutcome): void;
}

/**
 * New workflow from…: the source (pasted or loaded from a file), then the preview — what
 * will be created and each credential found, to name, type, restrict or mark as not a
 * secret — and only then the import. Nothing is saved before Import.
 */
export function ImportDialog({ format, onImported, onClose, returnFocusTo }: Props) {
  const preview = useImports((state) => state.preview);
  const commit = useImports((state) => state.commit);
  const secrets = useSecrets((state) => state.items);
  const secretNames = useMemo(() => secrets.map((secret) => secret.name), [secrets]);
  const environments = useEnvironments((state) => state.environments);
  const loadEnvironments = useEnvironments((state) => state.load);
  useEffect(() => void loadEnvironments(), [loadEnvironments]);
  const [source, setSource] = useState<ImportSource>({ format, text: '' });
  const [shown, setShown] = useState<{ preview: ImportPreview; choices: PreviewChoices } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const textId = useId();
  const label = IMPORT_FORMAT_LABELS[format];

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(asBridgeError(error).message);
    } finally {
      setBusy(false);
    }
  }

  async function load(file: File | undefined) {
    if (!file) return;
    const read = await readImportFile(file);
    if ('problem' in read) {
      setProblem(read.problem);
      return;
    }
    setProblem(null);
    setSource({ format, text: read.text, fileName: file.name });
  }

  const problems = shown ? choiceProblems(shown.choices, secretNames) : {};
  const blocked = Object.keys(problems).length > 0;

  return (
    <DialogFrame
      title={`New workflow from a ${label}`}
      description={shown ? 'Nothing is saved until you press Import. Every credential found becomes a secret key unless you mark it as not a secret.' : PASTE_HINT[format]}
      onClose={onClose}
      returnFocusTo={returnFocusTo}
      wide
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (busy) return;
          if (!shown) {
            void run(async () => {
              const result = await preview(source);
              setShown({ preview: result, choices: initialChoices(result) });
            });
          } else if (!blocked) {
            void run(async () => onImported(await commit(source, decisionsOf(shown.preview, shown.choices))));
          }
        }}
      >
        {shown ? (
          <ImportPreviewView
            preview={shown.preview}
            choices={shown.choices}
            problems={problems}
            environments={environments}
            onChange={(choices) => setShown({ ...shown, choices })}
          />
        ) : (
          <div className="field">
            <div className="field-label-row">
              <label className="field-label" htmlFor={textId}>
                {source.fileName ? `From “${source.fileName}”` : `Paste the ${label}`}
              </label>
              <button type="button" className="button button-ghost button-small" onClick={() => fileRef.current?.click()}>
                Load from file…
              </button>
              <input
                ref={fileRef}
                type="file"
                accept={FILE_TYPES[format]}
                hidden
                onChange={(event) => void load(event.target.files?.[0]).finally(() => (event.target.value = ''))}
              />
            </div>
            <textarea
              id={textId}
              className="input textarea import-source"
              rows={10}
              spellCheck={false}
              autoComplete="off"
              value={source.text}
              onChange={(event) => setSource({ format, text: event.target.value })}
            />
          </div>
        )}
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          {shown && (
            <button type="button" className="button button-ghost dialog-action-start" onClick={() => setShown(null)} disabled={busy}>
              Back
            </button>
          )}
          {shown && <p className="import-summary">{importSummary(shown.preview, shown.choices)}</p>}
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy || (!shown && source.text.trim() === '') || (shown !== null && blocked)} aria-busy={busy}>
            {shown ? 'Import' : 'Preview'}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}
