import { MIN_MASKABLE_LENGTH, isTooShortToMask } from '../../../../shared/model/secret';
import type { TextField } from '../../hooks/use-text-field';
import { Field } from './Field';
import { WarningIcon } from './icons';

/** Said as soon as a typed value is too short for run output to mask it; saving it stays allowed. */
export function valueWarning(value: string): string | null {
  if (value === '' || !isTooShortToMask(value)) return null;
  return `Values shorter than ${MIN_MASKABLE_LENGTH} characters can't be masked reliably in run output. You can still save this one.`;
}

/**
 * The only place a secret value exists in the page: a masked input that no browser
 * feature remembers, corrects or spell-checks, then the reminder that the value is
 * write-only. Its state lives in the form that renders it and is cleared once sent.
 */
export function SecretValueField({ label, field }: { label: string; field: TextField }) {
  return (
    <>
      <Field label={label} warning={valueWarning(field.value)} error={field.error} alert={field.refused}>
        {(control) => (
          <input
            {...control}
            className="input input-secret"
            type="password"
            autoComplete="off"
            autoCapitalize="off"
            autoCorrect="off"
            spellCheck={false}
            value={field.value}
            onChange={(event) => field.change(event.target.value)}
            onBlur={field.blur}
          />
        )}
      </Field>
      <p className="callout callout-warning">
        <WarningIcon />
        <span>You won&apos;t be able to view this value again after saving.</span>
      </p>
    </>
  );
}
