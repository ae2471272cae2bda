/**
 * A short, stable tag of a literal credential: it names "this value" in a workflow's
 * "kept as plain text" list and groups the places one value appears, without repeating it.
 * Not a cryptographic hash: wherever a fingerprint is stored, the value itself stands in
 * plain text beside it (the user chose to keep it there), so it protects nothing and needs
 * to be the same, synchronously, in the renderer and in main.
 */
export function fingerprintOf(value: string): string {
  // cyrb53 (public domain): two 32-bit multiplicative hashes mixed into 53 bits.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `fp_${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

export const FINGERPRINT_PATTERN = /^fp_[0-9a-z]{1,12}$/;
