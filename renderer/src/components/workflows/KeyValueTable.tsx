import { useId } from 'react';
import { fieldLabel } from '../../../../shared/model/actions';
import type { Template } from '../../../../shared/model/template';
import type { Step } from '../../../../shared/model/workflow';
import { useAnnouncer } from '../../store/announcer-store';
import { PlusIcon, TrashIcon } from './icons';
import { TemplateField } from './TemplateField';

export interface KeyValueRow {
  key: string;
  value: Template;
  /** Whether the row is sent; rows without it have no switch (always used). */
  enabled?: boolean;
}

interface Props<R extends KeyValueRow> {
  step: Step;
  /** The list's path in the config. */
  list: 'query' | 'headers' | 'body.fields' | 'variables';
  title: string;
  /** One row as people call it: "header", "query parameter", "variable". */
  noun: string;
  rows: readonly R[];
  onChange(rows: R[], key?: string): void;
  /** The row Add appends. */
  newRow(rows: readonly R[]): R;
  keyPlaceholder?: string;
  /** Names in the code font (e.g. JavaScript names). */
  monoKeys?: boolean;
  /** What is wrong with a row's name, shown under it, when names have rules. */
  keyProblem?(key: string): string | null;
  /** A warning about a row as a whole (e.g. a header Authentication also sets), shown under it. */
  rowWarning?(index: number): string | null;
}

/** Rows of name, value (a template field) and, for rows that have one, an enabled switch: headers, query, form fields, Run Code variables. */
export function KeyValueTable<R extends KeyValueRow>({
  step,
  list,
  title,
  noun,
  rows,
  onChange,
  newRow,
  keyPlaceholder = 'Name',
  monoKeys = false,
  keyProblem,
  rowWarning,
}: Props<R>) {
  const id = useId();
  const announce = useAnnouncer((state) => state.announce);
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const change = (index: number, row: Partial<R>, key?: string) =>
    onChange(
      rows.map((item, i) => (i === index ? { ...item, ...row } : item)),
      key,
    );

  return (
    <fieldset className="editor-section">
      <legend className="editor-section-title">{title}</legend>
      {rows.length > 0 && (
        <ul className="kv-rows">
          {rows.map((row, index) => {
            const label = fieldLabel(step, `${list}.${index}.value`);
            const keyId = `${id}-${index}-key`;
            const problem = keyProblem?.(row.key) ?? null;
            const warning = rowWarning?.(index) ?? null;
            const switchable = row.enabled !== undefined;
            return (
              <li key={index} className={`kv-row${switchable ? '' : ' kv-row-unswitched'}${row.enabled === false ? ' kv-row-disabled' : ''}`}>
                <div className="kv-key">
                  <label className="visually-hidden" htmlFor={keyId}>
                    {Noun} {index + 1} name
                  </label>
                  <input
                    id={keyId}
                    className={monoKeys ? 'input input-mono' : 'input'}
                    type="text"
                    placeholder={keyPlaceholder}
                    spellCheck={false}
                    autoComplete="off"
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={[problem ? `${keyId}-problem` : null, warning ? `${keyId}-warning` : null].filter(Boolean).join(' ') || undefined}
                    value={row.key}
                    onChange={(event) => change(index, { key: event.target.value } as Partial<R>, `${step.id}:${list}.${index}.key`)}
                  />
                  {problem && (
                    <p className="field-error" id={`${keyId}-problem`}>
                      {problem}
                    </p>
                  )}
                  {warning && (
                    <p className="field-warning" id={`${keyId}-warning`}>
                      {warning}
                    </p>
                  )}
                </div>
                <div className="kv-value">
                  <TemplateField
                    step={step}
                    field={`${list}.${index}.value`}
                    label={label}
                    hideLabel
                    placeholder="Value"
                    value={row.value}
                    onChange={(value, key) => change(index, { value } as Partial<R>, key)}
                  />
                </div>
                {switchable && (
                  <label className="kv-enabled">
                    <input type="checkbox" checked={row.enabled} onChange={(event) => change(index, { enabled: event.target.checked } as Partial<R>)} />
                    <span className="visually-hidden">Send {label}</span>
                  </label>
                )}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${label}`}
                  onClick={(event) => {
                    const section = event.currentTarget.closest('fieldset');
                    onChange(rows.filter((_, i) => i !== index));
                    announce(`Removed ${label}`);
                    requestAnimationFrame(() => section?.querySelector<HTMLElement>('.kv-add')?.focus());
                  }}
                >
                  <TrashIcon />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <button
          type="button"
          className="button button-secondary button-small kv-add"
          onClick={() => {
            onChange([...rows, newRow(rows)]);
            requestAnimationFrame(() => document.getElementById(`${id}-${rows.length}-key`)?.focus());
          }}
        >
          <PlusIcon />
          Add {noun}
        </button>
      </div>
    </fieldset>
  );
}
