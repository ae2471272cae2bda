/**
 * The identity text a person hands an Admin (identity.export): JSON with their public
 * data only, `{ "keyflowIdentity": 1, name, email, signingKey, boxKey }`. The Add member
 * dialog reads it back to show who is being added; main parses and checks it again on
 * team.addMember.
 */
import { fingerprintOf, memberIdOf, sameFingerprint } from '../format/fingerprint';

export interface PastedIdentity {
  /** The JSON itself, without what a mail client or chat added around it: what is sent to main. */
  json: string;
  name: string;
  email: string;
  signingKey: string;
  boxKey: string;
  /** As the text states them (checked against the keys by checkIdentity). */
  memberId: string | null;
  fingerprint: string | null;
}

export type IdentityParse = { state: 'empty' } | { state: 'invalid'; problem: string } | { state: 'parsed'; identity: PastedIdentity };

const PUBLIC_KEY = /^[A-Za-z0-9_-]{43}$/;
const NOT_AN_IDENTITY = 'This isn’t a Keyflow identity. Ask for the text from Your identity › Share your identity, and paste all of it.';

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The JSON object in `raw`: the whole text, or from its first "{" to its last "}" (mail clients add lines around it). */
function jsonObject(raw: string): { json: string; data: Record<string, unknown> } | null {
  const candidates = [raw.trim()];
  const start = raw.indexOf('{');
  const end = raw.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(raw.slice(start, end + 1));
  for (const json of candidates) {
    try {
      const data = record(JSON.parse(json));
      if (data) return { json, data };
    } catch {
      // Try the next candidate.
    }
  }
  return null;
}

/** Reads pasted identity text; says what is wrong with it in words the person pasting can act on. */
export function parseIdentityText(raw: string): IdentityParse {
  if (raw.trim() === '') return { state: 'empty' };
  const found = jsonObject(raw);
  if (!found || found.data.keyflowIdentity !== 1) return { state: 'invalid', problem: NOT_AN_IDENTITY };
  const { json, data } = found;
  const signingKey = text(data.signingKey);
  const boxKey = text(data.boxKey);
  if (signingKey === null || boxKey === null) return { state: 'invalid', problem: NOT_AN_IDENTITY };
  if (!PUBLIC_KEY.test(signingKey) || !PUBLIC_KEY.test(boxKey)) {
    return { state: 'invalid', problem: 'The public keys in this identity are damaged (the text may have been cut or changed). Ask for it again.' };
  }
  const name = (text(data.name) ?? '').trim();
  if (name === '') return { state: 'invalid', problem: 'This identity has no name. Ask the person to set their name in Your identity, then share it again.' };
  return {
    state: 'parsed',
    identity: {
      json,
      name,
      email: (text(data.email) ?? '').trim(),
      signingKey,
      boxKey,
      memberId: text(data.memberId),
      fingerprint: text(data.fingerprint),
    },
  };
}

export type IdentityCheck = { ok: true; fingerprint: string; memberId: string } | { ok: false; problem: string };

/**
 * The fingerprint of the pasted keys, to compare with the person by another channel.
 * A member id or fingerprint in the text that doesn't match the keys means the text was
 * altered: it is refused rather than shown with a fingerprint it doesn't have.
 */
export async function checkIdentity(identity: PastedIdentity): Promise<IdentityCheck> {
  const [fingerprint, memberId] = await Promise.all([fingerprintOf(identity), memberIdOf(identity)]);
  const altered = (identity.memberId !== null && identity.memberId !== memberId) || (identity.fingerprint !== null && !sameFingerprint(identity.fingerprint, fingerprint));
  if (altered) return { ok: false, problem: 'This identity doesn’t match its own keys: it was changed after it was shared. Don’t add it; ask the person to share it again.' };
  return { ok: true, fingerprint, memberId };
}
