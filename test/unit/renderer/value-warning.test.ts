import { describe, expect, it } from 'vitest';
import { MIN_MASKABLE_LENGTH } from '../../../shared/model/secret';
import { valueWarning } from '../../../renderer/src/components/common/SecretValueField';

describe('the warning under a secret value being typed', () => {
  it('warns about a value too short to mask, and only then', () => {
    expect(valueWarning('')).toBeNull();
    expect(valueWarning('a')).toBe("Values shorter than 8 characters can't be masked reliably in run output. You can still save this one.");
    expect(valueWarning('x'.repeat(MIN_MASKABLE_LENGTH - 1))).not.toBeNull();
    expect(valueWarning('x'.repeat(MIN_MASKABLE_LENGTH))).toBeNull();
    expect(valueWarning('sk_live_0123456789')).toBeNull();
  });

  it('never quotes the value', () => {
    expect(valueWarning('abc')).not.toContain('abc');
  });
});
