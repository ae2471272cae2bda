import { useId, type ReactNode } from 'react';

export interface Choice<V extends string> {
  value: V;
  label: string;
  description?: ReactNode;
}

interface Props<V extends string> {
  legend: string;
  hint?: ReactNode;
  value: V;
  choices: readonly Choice<V>[];
  onChange(value: V): void;
  /** Main's refusal about this choice, announced. */
  error?: string | null;
}

/** A labelled set of radio buttons, each with a line saying what it means (arrow keys move between them). */
export function ChoiceGroup<V extends string>({ legend, hint, value, choices, onChange, error }: Props<V>) {
  const id = useId();
  return (
    <fieldset className="choice-group" aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined}>
      <legend className="field-label">{legend}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="choice-list">
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name={id}
              value={choice.value}
              checked={value === choice.value}
              // Named by its label alone; the description is its description (else it would be read twice).
              aria-labelledby={`${id}-${choice.value}-label`}
              aria-describedby={choice.description ? `${id}-${choice.value}` : undefined}
              onChange={() => onChange(choice.value)}
            />
            <span className="choice-text">
              <span className="choice-label" id={`${id}-${choice.value}-label`}>
                {choice.label}
              </span>
              {choice.description && (
                <span className="choice-description" id={`${id}-${choice.value}`}>
                  {choice.description}
                </span>
              )}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
