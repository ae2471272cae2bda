/**
 * The text a person hands an Admin to be invited: their public identity as JSON.
 * It holds public keys only; the member id and fingerprint are recomputed from the keys,
 * so a pasted identity can't claim someone else's id.
 */
import { z } from 'zod';
import { emailProblem, personNameProblem, type PublicIdentity } from '../../../shared/model/team';
import { BridgeError } from '../../../shared/bridge/errors';
import { fingerprintOf, memberIdOf } from '../crypto/device-keys';

export function personProblem(name: string, email: string): { field: 'name' | 'email'; message: string } | null {
  const nameProblem = personNameProblem(name);
  if (nameProblem) return { field: 'name', message: nameProblem };
  const problem = emailProblem(email);
  return problem ? { field: 'email', message: problem } : null;
}

const identityTextSchema = z.object({
  keyflowIdentity: z.literal(1),
  name: z.string(),
  email: z.string(),
  signingKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  boxKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export function identityText(identity: PublicIdentity): string {
  const { name, email, signingKey, boxKey } = identity;
  return JSON.stringify({ keyflowIdentity: 1, name, email, signingKey, boxKey }, null, 2);
}

export function parseIdentityText(text: string): PublicIdentity & { fingerprint: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BridgeError('invalid_request', 'That is not a Keyflow identity: paste the whole text the person shared from "Your identity".', 'identity');
  }
  const parsed = identityTextSchema.safeParse(json);
  if (!parsed.success) throw new BridgeError('invalid_request', 'That Keyflow identity is incomplete or damaged: ask the person to share it again.', 'identity');
  const problem = personProblem(parsed.data.name, parsed.data.email);
  if (problem) throw new BridgeError('invalid_request', `The identity's ${problem.field} is not valid: ${problem.message}`, 'identity');
  const keys = { signingKey: parsed.data.signingKey, boxKey: parsed.data.boxKey };
  return { memberId: memberIdOf(keys), name: parsed.data.name.trim(), email: parsed.data.email.trim(), ...keys, fingerprint: fingerprintOf(keys) };
}
