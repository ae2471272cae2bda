/**
 * What a Send API Request (or integration) step will do wrong, seen while it is edited
 * rather than refused at run time: a key sent to a host its allowed domains exclude, and
 * a header that Authentication also sets. Pure functions.
 */
import { urlAllowed } from '../../../../shared/model/domains';
import type { SecretMeta } from '../../../../shared/model/secret';
import type { HttpRequestConfig } from '../../../../shared/model/workflow';
import { hostnameOf } from '../../../../shared/model/request-host';
export { hostOfUrl, hostnameOf, originOfUrl, requestHost } from '../../../../shared/model/request-host';

/** Why a key can't go where the step sends it (`origin`, as requestHost gives it), or null. */
export function hostProblem(secret: Pick<SecretMeta, 'name' | 'allowedDomains'>, origin: string | null): string | null {
  let url: URL;
  try {
    url = new URL(origin ?? '');
  } catch {
    return null;
  }
  if (urlAllowed(url, secret.allowedDomains)) return null;
  return `“${secret.name}” may be sent only to ${secret.allowedDomains.join(', ')}; this request goes to ${hostnameOf(origin)}, so the run would refuse it.`;
}

/** The header Authentication sets, lower case; null when it sets none. */
function authHeader(auth: HttpRequestConfig['auth']): string | null {
  if (auth.kind === 'bearer' || auth.kind === 'basic') return 'authorization';
  if (auth.kind === 'api-key' && auth.in === 'header') return auth.name.trim().toLowerCase() || null;
  return null;
}

/** The index of the enabled header that Authentication sets too (both would be sent; a server reads one), or -1. */
export function headerSetByAuth(config: HttpRequestConfig): number {
  const name = authHeader(config.auth);
  if (!name) return -1;
  return config.headers.findIndex((header) => header.enabled && header.key.trim().toLowerCase() === name);
}
