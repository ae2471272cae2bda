import { useId, useState } from 'react';
import { describeSource, PROVIDER_LABELS, SOURCE_PROVIDERS, sourceSchema, type SourceProvider, type SourceReference, type SourceTestResult } from '../../../../shared/model/source';
import { asBridgeError } from '../../bridge/failure';

/** The fields of a link being edited, as typed (all text; a blank optional field means none). */
export interface SourceDraft {
  provider: SourceProvider;
  database: string;
  entry: string;
  field: string;
  name: string;
  file: string;
  reference: string;
  address: string;
  mount: string;
  path: string;
}

export const EMPTY_SOURCE: SourceDraft = { provider: 'keepass', database: '', entry: '', field: '', name: '', file: '', reference: '', address: '', mount: 'secret', path: '' };

export function draftOf(source: SourceReference): SourceDraft {
  const draft = { ...EMPTY_SOURCE, provider: source.provider };
  switch (source.provider) {
    case 'keepass':
      return { ...draft, database: source.database, entry: source.entry, field: source.field };
    case 'pass':
      return { ...draft, entry: source.entry, field: source.field ?? '' };
    case 'env':
      return { ...draft, name: source.name, file: source.file ?? '' };
    case '1password':
      return { ...draft, reference: source.reference };
    case 'vault':
      return { ...draft, address: source.address, mount: source.mount, path: source.path, field: source.field };
  }
}

/** The reference a draft makes, or why it isn't one yet (checked by the same schema main uses). */
export function sourceOf(draft: SourceDraft): { source: SourceReference } | { problem: string } {
  const candidate = {
    keepass: { provider: 'keepass', database: draft.database, entry: draft.entry, field: draft.field || 'Password' },
    pass: { provider: 'pass', entry: draft.entry, field: draft.field.trim() || null },
    env: { provider: 'env', name: draft.name.trim(), file: draft.file.trim() || null },
    '1password': { provider: '1password', reference: draft.reference.trim() },
    vault: { provider: 'vault', address: draft.address.trim(), mount: draft.mount, path: draft.path, field: draft.field },
  }[draft.provider];
  const parsed = sourceSchema.safeParse(candidate);
  if (parsed.success) return { source: parsed.data };
  const issue = parsed.error.issues[0]!;
  return {
    problem: `${LABELS[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message === 'Too small: expected string to have >=1 characters' ? 'required' : issue.message}`,
  };
}

const LABELS: Record<string, string> = {
  database: 'Database file',
  entry: 'Entry',
  field: 'Field',
  name: 'Variable name',
  file: '.env file',
  reference: 'Secret reference',
  address: 'Server',
  mount: 'Mount',
  path: 'Path',
};

/** Which fields each provider takes, with their hints. */
const FIELDS: Record<SourceProvider, { key: keyof SourceDraft; hint: string; optional?: boolean }[]> = {
  keepass: [
    { key: 'database', hint: 'The .kdbx file; ~/ is your home folder (each member’s own).' },
    { key: 'entry', hint: 'The entry’s path from the root group, e.g. Payments/Stripe.' },
    { key: 'field', hint: 'Password unless named (UserName, URL, Notes or a custom field).', optional: true },
  ],
  pass: [
    { key: 'entry', hint: 'The entry in your password store, e.g. work/stripe.' },
    { key: 'field', hint: 'Blank: the first line. Or the name of a “field: value” line.', optional: true },
  ],
  env: [
    { key: 'name', hint: 'An environment variable of the app or of keyflow on the command line, e.g. STRIPE_KEY.' },
    { key: 'file', hint: 'Optional: read the name from this .env file instead.', optional: true },
  ],
  '1password': [{ key: 'reference', hint: 'As `op read` takes it: op://vault/item/field. Needs the op command line tool, signed in.' }],
  vault: [
    { key: 'address', hint: 'The server; its token comes from the keychain (Environments ▸ External sources) or VAULT_TOKEN.' },
    { key: 'mount', hint: 'The KV version 2 engine’s mount, e.g. secret.' },
    { key: 'path', hint: 'The secret’s path, e.g. payments/stripe.' },
    { key: 'field', hint: 'The field of that secret, e.g. api_key.' },
  ],
};

interface Props {
  draft: SourceDraft;
  onChange(draft: SourceDraft): void;
  /** Fetches the value now: its length and hint, never the value. */
  onTest(source: SourceReference): Promise<SourceTestResult>;
}

/** Where a linked value is read from: the provider, its fields, and Test. */
export function SourceFields({ draft, onChange, onTest }: Props) {
  const id = useId();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [testing, setTesting] = useState(false);
  const made = sourceOf(draft);
  async function test() {
    if (!('source' in made)) return setResult({ ok: false, text: made.problem });
    setTesting(true);
    setResult(null);
    try {
      const found = await onTest(made.source);
      setResult({ ok: true, text: `Read from ${PROVIDER_LABELS[found.provider]}: ${found.length} characters${found.hint ? `, ending in ${found.hint}` : ''}.` });
    } catch (error) {
      setResult({ ok: false, text: asBridgeError(error).message });
    } finally {
      setTesting(false);
    }
  }
  return (
    <fieldset className="choice-group">
      <legend className="field-label">Linked source</legend>
      <p className="field-hint">Keyflow keeps only where to find the value, and reads it in the main process when a run needs it. It is never stored or shown.</p>
      <label className="field-label" htmlFor={`${id}-provider`}>
        Provider
      </label>
      <select
        id={`${id}-provider`}
        className="input select"
        value={draft.provider}
        onChange={(event) => {
          setResult(null);
          onChange({ ...draft, provider: event.target.value as SourceProvider });
        }}
      >
        {SOURCE_PROVIDERS.map((provider) => (
          <option key={provider} value={provider}>
            {PROVIDER_LABELS[provider]}
          </option>
        ))}
      </select>
      {FIELDS[draft.provider].map((field) => (
        <div className="field" key={field.key}>
          <label className="field-label" htmlFor={`${id}-${field.key}`}>
            {LABELS[field.key]}
            {field.optional ? ' (optional)' : ''}
          </label>
          <input
            id={`${id}-${field.key}`}
            className="input input-mono"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-${field.key}-hint`}
            value={draft[field.key]}
            onChange={(event) => {
              setResult(null);
              onChange({ ...draft, [field.key]: event.target.value });
            }}
          />
          <p className="field-hint" id={`${id}-${field.key}-hint`}>
            {field.hint}
          </p>
        </div>
      ))}
      <div className="inline-form">
        <button type="button" className="button button-secondary" disabled={testing} aria-busy={testing} onClick={() => void test()}>
          Test
        </button>
        {'source' in made && <span className="note mono">{describeSource(made.source)}</span>}
      </div>
      {result && (
        <p className={result.ok ? 'source-test callout' : 'source-test field-error'} role="status">
          {result.text}
        </p>
      )}
    </fieldset>
  );
}
