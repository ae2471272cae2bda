import type { FieldControlProps } from './Field';

interface SecretValueInputProps extends FieldControlProps {
  value: string;
  onChange(value: string): void;
  onBlur(): void;
}

/**
 * The only place a secret value exists in the page: a masked input that no browser
 * feature remembers, corrects or spell-checks. Its state lives in the form that renders
 * it and is cleared when the value has been sent.
 */
export function SecretValueInput({ value, onChange, onBlur, ...control }: SecretValueInputProps) {
  return (
    <input
      {...control}
      className="input input-secret"
      type="password"
      autoComplete="off"
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
    />
  );
}
