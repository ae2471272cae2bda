import { useId, useRef, useState, type ClipboardEvent } from 'react';
import { MIN_MASKABLE_LENGTH, SECRET_VALUE_MAX_BYTES, isTooShortToMask } from '../../../../shared/model/secret';
import type { TextField } from '../../hooks/use-text-field';
import { formatBytes } from '../runs/run-format';
import { applyShownEdit, asShown, lineSummary, replaceShown } from './exact-text';
import { Field } from './Field';
import { EyeIcon, EyeOffIcon, WarningIcon } from './icons';

/** Said as soon as a typed value is too short for run output to mask it; saving it stays allowed. */
export function valueWarning(value: string): string | null {
  if (value === '' || !isTooShortToMask(value)) return null;
  return `Values shorter than ${MIN_MASKABLE_LENGTH} characters can't be masked reliably in run output. You can still save this one.`;
}

/** A file's text exactly as stored on disk, or why it can't be a value. */
export async function readValueFile(file: File): Promise<{ text: string } | { problem: string }> {
  if (file.size > SECRET_VALUE_MAX_BYTES) return { problem: `“${file.name}” is ${formatBytes(file.size)}: a value can be at most 64 KiB.` };
  if (file.size === 0) return { problem: `“${file.name}” is empty.` };
  const bytes = await file.arrayBuffer();
  try {
    // Byte for byte: a byte-order mark stays, and bytes that are not UTF-8 are refused rather than replaced.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { problem: `“${file.name}” is not a text file (UTF-8). For a binary file such as a .p12 certificate, store its base64 text instead.` };
  }
}

/**
 * The only place a secret value exists in the page: a text area, masked until the user
 * shows it, that no browser feature remembers, corrects or spell-checks. It takes one
 * line or many (a PEM key, a JSON key file) exactly as typed, pasted or loaded from a
 * file, CRLF line breaks included, then the reminder that the value is write-only. Its
 * state lives in the form that renders it and is cleared once sent.
 */
export function SecretValueField({ label, field }: { label: string; field: TextField }) {
  const [shown, setShown] = useState(false);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const summaryId = useId();
  const lines = lineSummary(field.value);
  const text = asShown(field.value);

  function change(next: string, from: string | null = null) {
    setFileProblem(null);
    setLoaded(from);
    field.change(next);
  }

  // A paste with CRLF line breaks is kept as it is (the text area itself would turn them into LF).
  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pasted = event.clipboardData.getData('text/plain');
    if (!pasted.includes('\r')) return;
    event.preventDefault();
    const area = event.currentTarget;
    const start = area.selectionStart;
    change(replaceShown(field.value, start, area.selectionEnd, pasted));
    const caret = start + asShown(pasted).length;
    requestAnimationFrame(() => areaRef.current?.setSelectionRange(caret, caret));
  }

  async function load(file: File | undefined) {
    if (!file) return;
    const result = await readValueFile(file);
    if ('problem' in result) {
      setFileProblem(result.problem);
      return;
    }
    change(result.text, file.name);
    areaRef.current?.focus();
  }

  const facts = [loaded ? `Loaded from “${loaded}”` : null, lines, field.value && (loaded || lines) ? formatBytes(new TextEncoder().encode(field.value).length) : null].filter(
    Boolean,
  );

  return (
    <>
      <Field label={label} warning={valueWarning(field.value)} error={fileProblem ?? field.error} alert={field.refused || fileProblem !== null}>
        {(control) => (
          <div className="secret-value">
            <textarea
              {...control}
              ref={areaRef}
              aria-describedby={[control['aria-describedby'], facts.length > 0 ? summaryId : null].filter(Boolean).join(' ') || undefined}
              className={`input textarea input-mono secret-value-text${shown ? '' : ' secret-value-concealed'}`}
              rows={Math.min(6, Math.max(1, text.split('\n').length))}
              wrap={lines ? 'off' : 'soft'}
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              data-1p-ignore
              value={text}
              onChange={(event) => change(applyShownEdit(field.value, event.target.value))}
              onPaste={onPaste}
              onBlur={field.blur}
            />
            <div className="secret-value-tools">
              <button type="button" className="button button-ghost button-small" onClick={() => setShown(!shown)}>
                {shown ? <EyeOffIcon /> : <EyeIcon />}
                {shown ? 'Hide' : 'Show'}
                <span className="visually-hidden"> {label.toLowerCase()}</span>
              </button>
              <button type="button" className="button button-ghost button-small" onClick={() => fileRef.current?.click()}>
                Load from file…
              </button>
              <input
                ref={fileRef}
                type="file"
                className="visually-hidden"
                tabIndex={-1}
                aria-hidden="true"
                onChange={(event) => {
                  void load(event.target.files?.[0]);
                  event.target.value = '';
                }}
              />
              {facts.length > 0 && (
                <span id={summaryId} className="note secret-value-facts">
                  {facts.join(' · ')}
                </span>
              )}
            </div>
          </div>
        )}
      </Field>
      <p className="callout callout-warning">
        <WarningIcon />
        <span>You won&apos;t be able to view this value again after saving.</span>
      </p>
    </>
  );
}
