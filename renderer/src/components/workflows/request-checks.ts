/**
 * What a Send API Request (or integration) step will do wrong, seen while it is edited
 * rather than refused at run time: a key sent to a host its allowed domains exclude, and
 * a header that Authentication also sets. Pure functions.
 */
import { ACTIONS } from '../../../../shared/model/actions';
import { urlAllowed } from '../../../../shared/model/domains';
import type { SecretMeta } from '../../../../shared/model/secret';
import type { Template } from '../../../../shared/model/template';
import type { HttpRequestConfig, Step } from '../../../../shared/model/workflow';

/** The host a template URL names before any key or output in it ("https://api.example.com/…"); null when it can't be known yet. */
export function hostOfUrl(url: Template): string | null {
  const firstToken = url.findIndex((segment) => segment.kind !== 'text');
  const text = (firstToken < 0 ? url : url.slice(0, firstToken)).map((segment) => (segment.kind === 'text' ? segment.text : '')).join('');
  const match = (firstToken < 0 ? /^\s*https?:\/\/([^/?#\s]+?)(?::\d*)?(?:[/?#]|\s*$)/i : /^\s*https?:\/\/([^/?#\s]+?)(?::\d*)?[/?#]/i).exec(text);
  if (!match) return null;
  const host = match[1]!.replace(/^[^@]*@/, '').toLowerCase();
  return host === '' ? null : host;
}

/** The scheme, host and port a template URL names before any key or output in it ("https://api.example.com:8443"); null when unknown yet. */
export function originOfUrl(url: Template): string | null {
  const host = hostOfUrl(url);
  if (!host) return null;
  const text = url.map((segment) => (segment.kind === 'text' ? segment.text : '\u0000')).join('');
  const match = /^\s*(https?):\/\/(?:[^/?#\s@]*@)?[^/?#\s:]+(?::(\d+))?/i.exec(text);
  return match ? `${match[1]!.toLowerCase()}://${host}${match[2] ? `:${match[2]}` : ''}` : null;
}

/** Where a step sends its request: the URL's origin, an integration's fixed host; null for Run Code (its fetches are its own). */
export function requestHost(step: Step): string | null {
  if (step.action === 'http.request') return originOfUrl(step.config.url);
  const host = ACTIONS[step.action].host;
  return host ? `https://${host}` : null;
}

/** The host of an origin as requestHost gives it ("https://api.example.com:8443" → "api.example.com"). */
export function hostnameOf(origin: string | null): string {
  try {
    return new URL(origin ?? '').hostname;
  } catch {
    return origin ?? '';
  }
}

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
