/** Where a step sends its request: what allowed domains are checked against and proposed from. */
import { ACTIONS } from './actions';
import type { Template } from './template';
import type { Step } from './workflow';

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
