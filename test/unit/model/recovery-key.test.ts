/** The recovery key's format: every single typo and every swap of neighbours is caught before any key derivation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecoveryKey, recoveryKeyOf, recoveryKeyProblem, RECOVERY_KEY_ALPHABET, RECOVERY_KEY_RANDOM_SYMBOLS, RECOVERY_KEY_SYMBOLS } from '../../../shared/model/recovery-key';

const randomSymbols = fc.array(fc.integer({ min: 0, max: 31 }), { minLength: RECOVERY_KEY_RANDOM_SYMBOLS, maxLength: RECOVERY_KEY_RANDOM_SYMBOLS });
const compact = (key: string) => key.replace(/-/g, '');
const regroup = (symbols: string) => symbols.match(/.{1,4}/g)!.join('-');

describe('the recovery key format', () => {
  it('writes 26 random symbols and 2 check symbols in seven groups of four, and reads its own output back', () => {
    fc.assert(
      fc.property(randomSymbols, (random) => {
        const key = recoveryKeyOf(random);
        expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}$/);
        expect(compact(key).slice(0, RECOVERY_KEY_RANDOM_SYMBOLS)).toBe(random.map((s) => RECOVERY_KEY_ALPHABET[s]).join(''));
        expect(parseRecoveryKey(key)).toEqual({ ok: true, key });
      }),
    );
  });

  it('catches every single-symbol substitution, at every position (check symbols included)', () => {
    fc.assert(
      fc.property(randomSymbols, (random) => {
        const symbols = compact(recoveryKeyOf(random));
        for (let at = 0; at < RECOVERY_KEY_SYMBOLS; at++) {
          for (const other of RECOVERY_KEY_ALPHABET) {
            if (other === symbols[at]) continue;
            const typo = symbols.slice(0, at) + other + symbols.slice(at + 1);
            expect(parseRecoveryKey(regroup(typo))).toEqual({ ok: false, problem: 'This recovery key has a typo: compare each group with your recovery kit.' });
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('catches every swap of two adjacent, different symbols (across group boundaries too)', () => {
    fc.assert(
      fc.property(randomSymbols, (random) => {
        const symbols = compact(recoveryKeyOf(random));
        for (let at = 0; at + 1 < RECOVERY_KEY_SYMBOLS; at++) {
          if (symbols[at] === symbols[at + 1]) continue;
          const swapped = symbols.slice(0, at) + symbols[at + 1] + symbols[at] + symbols.slice(at + 2);
          expect(parseRecoveryKey(regroup(swapped)).ok).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads a key as people copy it: any case, spaces or no separators, O for 0 and I or L for 1', () => {
    const key = recoveryKeyOf(Array.from({ length: RECOVERY_KEY_RANDOM_SYMBOLS }, (_, i) => (i * 7) % 32));
    const sloppy = compact(key)
      .toLowerCase()
      .replace(/0/g, 'o')
      .replace(/1/g, 'l')
      .match(/.{1,4}/g)!
      .join('  ');
    expect(parseRecoveryKey(sloppy)).toEqual({ ok: true, key });
    expect(parseRecoveryKey(` ${compact(key)}\n`)).toEqual({ ok: true, key });
  });

  it('says what is wrong with a key that is not one', () => {
    expect(recoveryKeyProblem('')).toBe('Enter your recovery key.');
    expect(recoveryKeyProblem('ABCD-EFGH')).toBe('A recovery key has 28 characters (7 groups of 4); this has 8.');
    expect(recoveryKeyProblem('ABCD-EFGU')).toBe('A recovery key has only digits and letters (no U); “U” is not one of them.');
    expect(recoveryKeyProblem('ABCD-EF#H')).toBe('A recovery key has only digits and letters (no U); “#” is not one of them.');
  });

  it('refuses to make a key from anything but 26 symbols of 0–31', () => {
    expect(() => recoveryKeyOf([1, 2, 3])).toThrow(RangeError);
    expect(() => recoveryKeyOf(Array.from({ length: RECOVERY_KEY_RANDOM_SYMBOLS }, () => 32))).toThrow(RangeError);
  });
});
