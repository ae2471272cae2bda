/**
 * Main's minimum (electron/core/vault/passphrase.ts, MIN_PASSPHRASE_LENGTH), which the
 * renderer may not import; main re-checks and its message wins if the two ever differ.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

export function newPassphraseProblem(passphrase: string): string | null {
  if (passphrase.length === 0) return 'Passphrase is required.';
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters.`;
  return null;
}

export function confirmationProblem(passphrase: string, confirmation: string): string | null {
  if (confirmation.length === 0) return 'Type the passphrase again to confirm it.';
  return confirmation === passphrase ? null : "The passphrases don't match.";
}
