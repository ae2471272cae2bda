import { useEffect, useState } from 'react';
import type { Step } from '../../../../shared/model/workflow';
import { useWorkflowEditor } from '../../store';
import { Field } from '../common/Field';

/** Changes one step's config in the draft; `key` coalesces typing into one undo entry. */
export function useConfigEditor<C>(step: Step): (change: (config: C) => C, key?: string) => void {
  const editStep = useWorkflowEditor((state) => state.editStep);
  return (change, key) => editStep(step.id, (current) => ({ ...current, config: change(current.config as C) }) as Step, key);
}

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  unit?: string;
  hint?: string;
  onChange(value: number): void;
}

/** An integer input that only commits values in range; what is typed stays while it is out of range. */
export function NumberField({ label, value, min, max, hint, onChange }: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const parsed = Number(text);
  const problem = text.trim() === '' || !Number.isInteger(parsed) || parsed < min || parsed > max ? `Enter a whole number from ${min} to ${max}.` : null;
  return (
    <Field label={label} hint={hint} error={problem}>
      {(control) => (
        <input
          {...control}
          className="input input-number"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            const next = Number(event.target.value);
            if (event.target.value.trim() !== '' && Number.isInteger(next) && next >= min && next <= max) onChange(next);
          }}
          onBlur={() => setText(String(value))}
        />
      )}
    </Field>
  );
}
