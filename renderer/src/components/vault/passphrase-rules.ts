export function confirmationProblem(passphrase: string, confirmation: string): string | null {
  if (confirmation.length === 0) return 'Type the passphrase again to confirm it.';
  return confirmation === passphrase ? null : "The passphrases don't match.";
}
