import { domainPatternProblem, MAX_ALLOWED_DOMAINS, normalizeDomainPattern } from '../../../../shared/model/domains';

/** Allowed domains as typed (one per line, or separated by commas or spaces): the normalized list, or the first problem. */
export function parseDomainList(text: string): { domains: string[]; problem: string | null } {
  const entries = text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const problem = domainPatternProblem(entry);
    if (problem) return { domains: [], problem };
  }
  const domains = [...new Set(entries.map(normalizeDomainPattern))];
  if (domains.length > MAX_ALLOWED_DOMAINS) return { domains: [], problem: `At most ${MAX_ALLOWED_DOMAINS} domains.` };
  return { domains, problem: null };
}

export function formatDomainList(domains: readonly string[]): string {
  return domains.join('\n');
}

export const domainListProblem = (text: string): string | null => parseDomainList(text).problem;

export const ALLOWED_DOMAINS_HINT = `One per line: api.example.com (https only, default port), *.example.com for its subdomains, or with a scheme and port: http://localhost:3000, https://api.example.com:8443; up to ${MAX_ALLOWED_DOMAINS}. Whatever is derived from the key is held to them too. Leave empty to allow any host.`;
