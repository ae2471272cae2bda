/**
 * Secret flow: which secrets a value carries. A value carries every secret it was derived
 * from — a field that references a key, a step's output (the response to a request that
 * carried secrets, whatever Run Code returns after it read one) and anything that uses such
 * an output — and wherever it goes it is held to the allowed domains of each secret it
 * carries. Carried secrets are a set of secret ids.
 */
import type { SecretMeta } from '../../../shared/model/secret';
import { urlAllowed } from '../../../shared/model/domains';

export type SecretIds = ReadonlySet<string>;

/** The secret a target refused. */
export type Refusal = Pick<SecretMeta, 'id' | 'name' | 'allowedDomains'>;

/** "may only be sent to …, not to …": the sentence every refusal shares. */
export function refusalText(secret: Refusal, url: URL): string {
  const where = secret.allowedDomains.length > 0 ? secret.allowedDomains.join(', ') : 'nowhere';
  return `the secret key “${secret.name}” may only be sent to ${where}, not to ${originOf(url)}`;
}

export const NO_SECRETS: SecretIds = new Set();

export function unionOf(sets: Iterable<SecretIds>): SecretIds {
  let result: Set<string> | undefined;
  let only: SecretIds = NO_SECRETS;
  for (const set of sets) {
    if (set.size === 0) continue;
    if (only.size === 0) {
      only = set;
      continue;
    }
    result ??= new Set(only);
    for (const id of set) result.add(id);
  }
  return result ?? only;
}

/** What each part of a request carries (header names in lower case). */
export interface CarriedSecrets {
  url: SecretIds;
  headers: ReadonlyMap<string, SecretIds>;
  body: SecretIds;
}

export function carriedByRequest(carried: CarriedSecrets): SecretIds {
  return unionOf([carried.url, carried.body, ...carried.headers.values()]);
}

/** The secrets a run has resolved so far, and what each step's output carries. */
export class RunSecretFlow {
  private readonly known = new Map<string, SecretMeta>();
  private readonly outputs = new Map<string, SecretIds>();

  learn(secrets: Iterable<SecretMeta>): void {
    for (const secret of secrets) this.known.set(secret.id, secret);
  }

  secret(id: string): SecretMeta | undefined {
    return this.known.get(id);
  }

  outputCarries(stepId: string): SecretIds {
    return this.outputs.get(stepId) ?? NO_SECRETS;
  }

  setOutput(stepId: string, carried: SecretIds): void {
    this.outputs.set(stepId, carried);
  }

  /** The first carried secret that may not go to `url`, or undefined. */
  refusedAt(url: URL, carried: SecretIds): Refusal | undefined {
    for (const id of carried) {
      const secret = this.known.get(id);
      // Only secrets this run resolved can be carried; anything else is refused rather than guessed at.
      if (!secret) return { id, name: 'a secret key this run does not know', allowedDomains: [] };
      if (!urlAllowed(url, secret.allowedDomains)) return secret;
    }
    return undefined;
  }
}

/** "https://api.example.com:8443" as a refusal names the target. */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
