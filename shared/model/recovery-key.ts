/**
 * The recovery key's format, for main (which makes and checks keys) and the renderer
 * (which catches a typo while the key is typed).
 *
 * 26 random symbols of Crockford's base32 (130 bits) and 2 check symbols, written in
 * seven groups of four: `7KQ2-M9XD-…`. The check symbols make the whole 28-symbol number
 * divisible by CHECK_MODULUS, a prime above 32 that divides neither 32 nor 31, so changing
 * any one symbol (a multiple δ·32^i, 0 < |δ| < 32) or swapping two adjacent ones
 * ((a−b)·31·32^i) always leaves a remainder: a typo is caught before any key derivation
 * (IBAN's mod 97 check, over base 32). Reading is forgiving, as Crockford intends: case,
 * spaces and hyphens don't matter, O reads as 0 and I or L as 1.
 */

export const RECOVERY_KEY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_KEY_RANDOM_SYMBOLS = 26;
const CHECK_SYMBOLS = 2;
export const RECOVERY_KEY_SYMBOLS = RECOVERY_KEY_RANDOM_SYMBOLS + CHECK_SYMBOLS;
const GROUP = 4;
const CHECK_MODULUS = 1021;
const BASE = RECOVERY_KEY_ALPHABET.length;

const READS_AS: Record<string, string> = { O: '0', I: '1', L: '1' };

/** The remainder of the base-32 number the symbols spell, by Horner's rule (no big integers). */
function remainder(symbols: readonly number[]): number {
  return symbols.reduce((rest, symbol) => (rest * BASE + symbol) % CHECK_MODULUS, 0);
}

/** The key written out, grouped, from its 26 random symbols (each 0–31). */
export function recoveryKeyOf(random: readonly number[]): string {
  if (random.length !== RECOVERY_KEY_RANDOM_SYMBOLS || random.some((symbol) => !Number.isInteger(symbol) || symbol < 0 || symbol >= BASE)) {
    throw new RangeError(`A recovery key is made of ${RECOVERY_KEY_RANDOM_SYMBOLS} symbols from 0 to ${BASE - 1}.`);
  }
  const shifted = remainder([...random, 0, 0]);
  const check = (CHECK_MODULUS - shifted) % CHECK_MODULUS;
  const symbols = [...random, Math.floor(check / BASE), check % BASE];
  return group(symbols.map((symbol) => RECOVERY_KEY_ALPHABET[symbol]!).join(''));
}

function group(text: string): string {
  return text.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

export type ParsedRecoveryKey = { ok: true; key: string } | { ok: false; problem: string };

/**
 * Reads a typed key: `{ ok, key }` with the key in its written form (upper case, grouped),
 * or the problem to show. A key that passes may still not be this vault's: only main can tell.
 */
export function parseRecoveryKey(typed: string): ParsedRecoveryKey {
  const compact = typed.replace(/[\s-]+/g, '').toUpperCase();
  if (compact.length === 0) return { ok: false, problem: 'Enter your recovery key.' };
  const symbols: number[] = [];
  for (const character of compact) {
    const symbol = RECOVERY_KEY_ALPHABET.indexOf(READS_AS[character] ?? character);
    if (symbol === -1) {
      return { ok: false, problem: `A recovery key has only digits and letters (no U); “${character}” is not one of them.` };
    }
    symbols.push(symbol);
  }
  if (symbols.length !== RECOVERY_KEY_SYMBOLS) {
    return {
      ok: false,
      problem: `A recovery key has ${RECOVERY_KEY_SYMBOLS} characters (${RECOVERY_KEY_SYMBOLS / GROUP} groups of ${GROUP}); this has ${symbols.length}.`,
    };
  }
  if (remainder(symbols) !== 0) {
    return { ok: false, problem: 'This recovery key has a typo: compare each group with your recovery kit.' };
  }
  return { ok: true, key: group(symbols.map((symbol) => RECOVERY_KEY_ALPHABET[symbol]!).join('')) };
}

/** The problem with a typed key, or null when it is well formed (the renderer's field check). */
export function recoveryKeyProblem(typed: string): string | null {
  const parsed = parseRecoveryKey(typed);
  return parsed.ok ? null : parsed.problem;
}
