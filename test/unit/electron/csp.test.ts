import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../electron/core/security/csp';

/** Parses a CSP header into directive → sources (per CSP3: ';'-separated, whitespace-split, names case-insensitive). */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    // The first occurrence of a directive wins; a duplicate is a mistake worth failing on.
    expect(directives.has(key), `duplicate directive ${key}`).toBe(false);
    directives.set(key, sources);
  }
  return directives;
}

const policy = parsePolicy(CONTENT_SECURITY_POLICY);

/** The sources that govern a fetch directive: its own, else default-src's. */
function effective(directive: string): string[] {
  return policy.get(directive) ?? policy.get('default-src') ?? [];
}

const FETCH_DIRECTIVES = [
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'object-src',
  'frame-src',
  'child-src',
  'worker-src',
  'manifest-src',
];

describe('Content-Security-Policy', () => {
  it("starts from default-src 'none'", () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  it("runs only the app's own scripts: no inline, no eval, no wasm-eval, no hashes/nonces to smuggle", () => {
    for (const directive of ['script-src', 'script-src-elem', 'script-src-attr']) {
      const sources = effective(directive);
      for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", "'wasm-unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", 'data:', 'blob:', '*']) {
        expect(sources, `${directive} allows ${forbidden}`).not.toContain(forbidden);
      }
      expect(
        sources.every((source) => source === "'self'" || source === "'none'"),
        `${directive}: ${sources.join(' ')}`,
      ).toBe(true);
    }
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });

  it('names no remote origin, scheme wildcard or network scheme anywhere', () => {
    for (const [directive, sources] of policy) {
      for (const source of sources) {
        expect(source, `${directive} ${source}`).not.toMatch(/^(https?|wss?|ftp):/i);
        expect(source, `${directive} ${source}`).not.toMatch(/\*|^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/.*)?$/i);
        expect(source, `${directive} ${source}`).not.toMatch(/^(blob|filesystem|file):$/i);
      }
    }
  });

  it('allows only self (and data: images) for every fetch directive', () => {
    for (const directive of FETCH_DIRECTIVES) {
      const sources = effective(directive);
      const allowed = directive === 'img-src' ? ["'self'", "'none'", 'data:'] : ["'self'", "'none'"];
      for (const source of sources) expect(allowed, `${directive} ${source}`).toContain(source);
    }
  });

  it('has no inline styles either', () => {
    expect(effective('style-src')).not.toContain("'unsafe-inline'");
    expect(effective('style-src-attr')).not.toContain("'unsafe-inline'");
  });

  it('forbids plugins, framing, <base> and form posts', () => {
    expect(effective('object-src')).toEqual(["'none'"]);
    expect(effective('frame-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('is sent with the other hardening headers', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
  });
});
