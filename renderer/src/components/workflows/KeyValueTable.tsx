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
  enabled: boolean;
}

interface Props {
  step: Step;
  /** The list's path in the config: "query", "headers" or "body.fields". */
  list: 'query' | 'headers' | 'body.fields';
  title: string;
  /** One row as people call it: "header", "query parameter". */
  noun: string;
  rows: readonly KeyValueRow[];
  onChange(rows: KeyValueRow[], key?: string): void;
  keyPlaceholder?: string;
}

/** Rows of name, value (a template field) and an enabled switch, e.g. headers. */
export function KeyValueTable({ step, list, title, noun, rows, onChange, keyPlaceholder }: Props) {
  const id = useId();
  const announce = useAnnouncer((state) => state.announce);
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const change = (index: number, row: Partial<KeyValueRow>, key?: string) => onChange(rows.map((item, i) => (i === index ? { ...item, ...row } : item)), key);

  return (
    <fieldset className="editor-section">
      <legend className="editor-section-title">{title}</legend>
      {rows.length > 0 && (
        <ul className="kv-rows">
          {rows.map((row, index) => {
            const label = fieldLabel(step, `${list}.${index}.value`);
            return (
              <li key={index} className={`kv-row${row.enabled ? '' : ' kv-row-disabled'}`}>
                <div className="kv-key">
                  <label className="visually-hidden" htmlFor={`${id}-${index}-key`}>
                    {Noun} {index + 1} name
                  </label>
                  <input
                    id={`${id}-${index}-key`}
                    className="input"
                    type="text"
                    placeholder={keyPlaceholder ?? 'Name'}
                    spellCheck={false}
                    autoComplete="off"
                    value={row.key}
                    onChange={(event) => change(index, { key: event.target.value }, `${step.id}:${list}.${index}.key`)}
                  />
                </div>
                <div className="kv-value">
                  <TemplateField
                    step={step}
                    field={`${list}.${index}.value`}
                    label={label}
                    hideLabel
                    placeholder="Value"
                    value={row.value}
                    onChange={(value, key) => change(index, { value }, key)}
                  />
                </div>
                <label className="kv-enabled">
                  <input type="checkbox" checked={row.enabled} onChange={(event) => change(index, { enabled: event.target.checked })} />
                  <span className="visually-hidden">Send {label}</span>
                </label>
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
        <button type="button" className="button button-secondary button-small kv-add"
          onClick={() => {
            onChange([...rows, { key: '', value: [], enabled: true }]);
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
