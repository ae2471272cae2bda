/**
 * Allowed domains of a secret: hosts it may be sent to. "api.example.com" matches that
 * host exactly; "*.example.com" matches any subdomain (not example.com itself).
 * An empty list means no restriction.
 */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST_PATTERN = new RegExp(`^(\\*\\.)?(${LABEL})(\\.${LABEL})*$`);
const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
export const MAX_ALLOWED_DOMAINS = 50;

export function normalizeDomainPattern(raw: string): string {
  return raw.trim().toLowerCase().replace(/\.$/, '');
}

/** Returns the problem with a domain pattern, or null. */
export function domainPatternProblem(raw: string): string | null {
  const pattern = normalizeDomainPattern(raw);
  if (pattern === '') return 'A domain cannot be empty.';
  if (pattern.includes('://') || pattern.includes('/')) return `"${raw.trim()}" is a URL; enter only the host, e.g. api.example.com.`;
  if (pattern.includes(':')) return `"${raw.trim()}" has a port; enter only the host.`;
  if (IPV4.test(pattern)) return null;
  if (!HOST_PATTERN.test(pattern) || pattern.length > 253) {
    return `"${raw.trim()}" is not a host name. Use a host like api.example.com, or *.example.com for its subdomains.`;
  }
  return null;
}

export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '').replace(/^\[|\]$/g, '');
  const p = normalizeDomainPattern(pattern);
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return h === p;
}

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.length === 0 || allowed.some((pattern) => hostMatches(host, pattern));
}
