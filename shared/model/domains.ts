/**
 * Allowed domains of a secret: where its value (and anything derived from it) may be sent.
 *
 * An entry is `[scheme://]host[:port]`:
 *   - host: "api.example.com" matches that host exactly; "*.example.com" any subdomain
 *     (not example.com itself); an IPv4 address; an IPv6 address in brackets.
 *   - scheme: "http" or "https". Without one, https only, except to a loopback host
 *     (localhost, 127.0.0.0/8, [::1]), which may also be reached over http.
 *   - port: without one, the scheme's default port only, except on a loopback host
 *     (where ports are picked at random), which matches any port.
 * An empty list means no restriction. A public suffix ("co.uk", "*.github.io") is refused:
 * anyone can register a name under it. Hosts are compared in the form the URL standard
 * gives them (lower case, punycode, IPv4 and IPv6 canonical), as request URLs are.
 */
import { parse as parseDomain } from 'tldts';

export const MAX_ALLOWED_DOMAINS = 50;

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOST_NAME = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const DEFAULT_PORTS = { http: 80, https: 443 } as const;

type Scheme = keyof typeof DEFAULT_PORTS;

export interface DomainEntry {
  scheme: Scheme | null;
  /** Canonical host: for a wildcard, the part after "*.". IPv6 in brackets. */
  host: string;
  wildcard: boolean;
  port: number | null;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

/** The host as the URL standard serializes it, or null when it is not a host at all. */
function canonicalHost(host: string): string | null {
  try {
    const url = new URL(`http://${host}/`);
    return url.host === url.hostname ? url.hostname : null; // a port slipped in
  } catch {
    return null;
  }
}

function isPublicSuffix(host: string): boolean {
  const parsed = parseDomain(host, { allowPrivateDomains: true });
  return !parsed.isIp && parsed.publicSuffix === host && (parsed.isIcann === true || parsed.isPrivate === true);
}

/** Parses an entry; a string is the problem with it. */
export function parseDomainEntry(raw: string): DomainEntry | string {
  const typed = raw.trim();
  let rest = typed.toLowerCase();
  if (rest === '') return 'A domain cannot be empty.';
  let scheme: Scheme | null = null;
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//.exec(rest);
  if (schemeMatch) {
    if (schemeMatch[1] !== 'http' && schemeMatch[1] !== 'https') return `"${typed}" names the scheme ${schemeMatch[1]}: only http:// and https:// can be allowed.`;
    scheme = schemeMatch[1];
    rest = rest.slice(schemeMatch[0].length);
  }
  rest = rest.replace(/\/$/, '');
  if (/[/?#@]/.test(rest)) return `"${typed}" has a path or more than a host; enter only [scheme://]host[:port], e.g. api.example.com.`;
  let port: number | null = null;
  const portMatch = /:(\d*)$/.exec(rest);
  if (portMatch && !rest.endsWith(']')) {
    const value = Number(portMatch[1]);
    if (portMatch[1] === '' || !Number.isInteger(value) || value < 1 || value > 65535) return `"${typed}" has an invalid port; use a number from 1 to 65535.`;
    port = value;
    rest = rest.slice(0, portMatch.index);
  }
  const wildcard = rest.startsWith('*.');
  const base = (wildcard ? rest.slice(2) : rest).replace(/\.$/, '');
  const host = canonicalHost(base);
  const notAHost = `"${typed}" is not a host name. Use a host like api.example.com, *.example.com for its subdomains, and optionally a scheme and port (https://api.example.com:8443).`;
  if (host === null || host.length > 253) return notAHost;
  const isIp = IPV4.test(host) || host.startsWith('[');
  if (!isIp && !HOST_NAME.test(host)) return notAHost;
  if (wildcard && isIp) return `"${typed}": an IP address can't have subdomains; enter the address itself.`;
  if (!isIp && isPublicSuffix(host)) {
    return `"${typed}" is a public suffix: anyone can register a name under ${host}. Enter a domain of your own, e.g. ${wildcard ? '*.' : ''}example.${host}.`;
  }
  return { scheme, host, wildcard, port };
}

export function domainPatternProblem(raw: string): string | null {
  const entry = parseDomainEntry(raw);
  return typeof entry === 'string' ? entry : null;
}

/** The entry as stored and shown: lower case, canonical host. Only for entries without a problem. */
export function normalizeDomainPattern(raw: string): string {
  const entry = parseDomainEntry(raw);
  if (typeof entry === 'string') return raw.trim().toLowerCase();
  return `${entry.scheme ? `${entry.scheme}://` : ''}${entry.wildcard ? '*.' : ''}${entry.host}${entry.port !== null ? `:${entry.port}` : ''}`;
}

function entryMatches(entry: DomainEntry, url: URL): boolean {
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return false;
  const host = url.hostname.replace(/\.$/, '');
  const hostOk = entry.wildcard ? host.endsWith(`.${entry.host}`) : host === entry.host;
  if (!hostOk) return false;
  const loopback = isLoopbackHost(host);
  if (entry.scheme ? scheme !== entry.scheme : scheme !== 'https' && !loopback) return false;
  const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port);
  if (entry.port !== null) return port === entry.port;
  return loopback || port === DEFAULT_PORTS[scheme];
}

// Stored entries are few and checked on every request: parse each once.
const parsedEntries = new Map<string, DomainEntry | string>();
function storedEntry(raw: string): DomainEntry | string {
  let entry = parsedEntries.get(raw);
  if (entry === undefined) {
    if (parsedEntries.size > 10_000) parsedEntries.clear();
    parsedEntries.set(raw, (entry = parseDomainEntry(raw)));
  }
  return entry;
}

/** Whether a URL is allowed by a secret's list (empty: anywhere). Entries that no longer parse match nothing. */
export function urlAllowed(url: URL, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  return allowed.some((raw) => {
    const entry = storedEntry(raw);
    return typeof entry !== 'string' && entryMatches(entry, url);
  });
}
