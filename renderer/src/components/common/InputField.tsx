import type { ReactNode } from 'react';
import type { TextField } from '../../hooks/use-text-field';
import { Field } from './Field';

interface InputFieldProps {
  label: string;
  hint?: ReactNode;
  /** The field's state (useTextField): its value, live problem and main's refusal. */
  field: TextField;
  type?: 'text' | 'password';
  autoComplete?: string;
  /** A multi-line text area of this many rows instead of one line. */
  rows?: number;
  mono?: boolean;
  maxLength?: number;
  /** For prose (descriptions); names, passphrases and hosts are not words. */
  spellCheck?: boolean;
}

/** A labelled text input (or text area) bound to a useTextField state: names, passphrases, domain lists, descriptions. */
export function InputField({ label, hint, field, type = 'text', autoComplete = 'off', rows, mono = false, maxLength, spellCheck = false }: InputFieldProps) {
  const className = `input${rows ? ' textarea' : ''}${mono ? ' input-mono' : ''}`;
  return (
    <Field label={label} hint={hint} error={field.error} alert={field.refused}>
      {(control) => {
        const common = {
          ...control,
          className,
          spellCheck,
          maxLength,
          value: field.value,
          onChange: (event: { target: { value: string } }) => field.change(event.target.value),
          onBlur: field.blur,
        };
        return rows ? <textarea {...common} rows={rows} /> : <input {...common} type={type} autoComplete={autoComplete} />;
      }}
    </Field>
  );
}
