/**
 * Fingerprints and member ids recomputed from public keys, with the browser's WebCrypto.
 * The same derivation as main's (electron/core/crypto/device-keys.ts): SHA-256 of
 * "keyflow/identity/v1|<signing key>|<box key>"; the member id is "mem_" and the first
 * 16 bytes in hex, the fingerprint the first 20 bytes as ten groups of four hex digits.
 * Recomputed here, never read from pasted text: the fingerprint an Admin compares must
 * come from the keys being added.
 */
export interface PublicKeyPair {
  signingKey: string;
  boxKey: string;
}

async function keyDigest(keys: PublicKeyPair): Promise<Uint8Array> {
  const data = new TextEncoder().encode(`keyflow/identity/v1|${keys.signingKey}|${keys.boxKey}`);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

const hex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');

export async function memberIdOf(keys: PublicKeyPair): Promise<string> {
  return `mem_${hex((await keyDigest(keys)).subarray(0, 16))}`;
}

export async function fingerprintOf(keys: PublicKeyPair): Promise<string> {
  return fingerprintGroups(hex((await keyDigest(keys)).subarray(0, 20)).toUpperCase()).join(' ');
}

/** "1A2B 3C4D …" as its groups of four (whatever the spacing it came with). */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.replace(/\s+/g, '').match(/.{1,4}/g) ?? [];
}

/** The first two groups, for a table cell ("1A2B 3C4D…"); the whole one is compared in the identity dialogs. */
export function shortFingerprint(fingerprint: string): string {
  const groups = fingerprintGroups(fingerprint);
  return groups.length > 2 ? `${groups.slice(0, 2).join(' ')}…` : groups.join(' ');
}

/** The same fingerprint, however it is spaced or cased. */
export function sameFingerprint(a: string, b: string): boolean {
  return a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();
}
