import { describe, expect, it } from 'vitest';
import { newPassphraseProblem } from '../../../shared/model/vault';
import { confirmationProblem } from '../../../renderer/src/components/vault/passphrase-rules';

describe('choosing a passphrase', () => {
  it('requires at least 12 characters, counting each emoji as one', () => {
    expect(newPassphraseProblem('')).toBe('Passphrase is required.');
    expect(newPassphraseProblem('elevenchars')).toBe('The passphrase must be at least 12 characters.');
    expect(newPassphraseProblem('twelve chars')).toBeNull();
    expect(newPassphraseProblem('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toBe('The passphrase must be at least 12 characters.');
    expect(newPassphraseProblem('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toBeNull();
  });

  it('requires the confirmation to match exactly', () => {
    expect(confirmationProblem('correct horse', '')).toBe('Type the passphrase again to confirm it.');
    expect(confirmationProblem('correct horse', 'Correct horse')).toBe("The passphrases don't match.");
    expect(confirmationProblem('correct horse', 'correct horse')).toBeNull();
  });
});
