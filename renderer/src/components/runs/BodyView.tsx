import { useId, useState } from 'react';
import { formatBytes, jsonOf } from './run-format';
import { JsonTree } from './JsonTree';

/** Long texts show their beginning until asked for all of it: a 5 MiB body would slow the page down. */
const SHOWN_CHARS = 64 * 1024;

/** Text as it is, in the code font: the beginning of a long one, and a way to see the rest. */
export function RawText({ label, text }: { label: string; text: string }) {
  const [all, setAll] = useState(false);
  const long = text.length > SHOWN_CHARS && !all;
  return (
    <>
      <pre className="run-pre" tabIndex={0} aria-label={label}>
        {long ? text.slice(0, SHOWN_CHARS) : text}
      </pre>
      {long && (
        <p className="note">
          Showing the first {formatBytes(SHOWN_CHARS)} of {formatBytes(text.length)}.{' '}
          <button type="button" className="button-link" onClick={() => setAll(true)}>
            Show all<span className="visually-hidden"> of the {label.toLowerCase()}</span>
          </button>
        </p>
      )}
    </>
  );
}

/** A body (or output): a foldable tree when it is JSON, with a switch to the raw text; raw text otherwise. */
export function BodyView({ label, text }: { label: string; text: string }) {
  const json = jsonOf(text);
  const [raw, setRaw] = useState(false);
  const name = useId();
  if (!json) return <RawText label={label} text={text} />;
  return (
    <div className="body-view">
      <div className="segmented segmented-small" role="radiogroup" aria-label={`${label} view`}>
        {[
          { value: false, text: 'Tree' },
          { value: true, text: 'Raw' },
        ].map((option) => (
          <label key={option.text} className="segmented-option">
            <input type="radio" name={name} checked={raw === option.value} onChange={() => setRaw(option.value)} />
            <span>{option.text}</span>
          </label>
        ))}
      </div>
      {raw ? <RawText label={label} text={text} /> : <JsonTree value={json.value} label={label} />}
    </div>
  );
}
