import { WarningIcon } from './icons';

/** Said wherever a secret value is typed: it is write-only. */
export function ValueWarning() {
  return (
    <p className="callout callout-warning">
      <WarningIcon />
      <span>You won&apos;t be able to view this value again after saving.</span>
    </p>
  );
}
