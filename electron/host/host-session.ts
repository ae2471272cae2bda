/**
 * Who may use the browser host. Nothing secret ever travels in a URL or a process's
 * arguments:
 *
 *  1. A one-time launch secret is written into a small page in the user-data folder
 *     (0600, folder 0700). Opening that page (Chromium is started with its file:// path)
 *     POSTs the secret to /session in a form body, so it lands in no address bar, history
 *     entry or command line.
 *  2. /session trades it, once, for a new random session of two halves: an HttpOnly,
 *     SameSite=Strict cookie named after the port (so two hosts side by side keep their
 *     own), and a header secret the page keeps in sessionStorage (per origin: port
 *     included) and sends as X-Keyflow-Session. The launch secret is then replaced (the
 *     page is rewritten, so it opens one more window, once).
 *  3. Every bridge call and the event stream need both halves. Cookies are not bound to a
 *     port, so another server on 127.0.0.1 may receive the cookie; it never sees the
 *     header half, which no other origin can read.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SESSION_HEADER = 'x-keyflow-session';
/** The page (at /session) reads this meta and stores the header half. */
export const SESSION_META = 'keyflow-session';

const secret = () => randomBytes(32).toString('base64url');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export class HostSessions {
  private launchSecret = secret();
  /** Cookie half → header half. */
  private readonly sessions = new Map<string, string>();
  readonly cookieName: string;

  constructor(
    private readonly origin: string,
    port: number,
    private readonly launchFile: string,
  ) {
    this.cookieName = `keyflow_session_${port}`;
  }

  /** The file:// address of the launch page: safe to print and to pass to a browser. */
  get launchUrl(): string {
    return pathToFileURL(this.launchFile).href;
  }

  /** Writes the page that signs a browser in once. */
  writeLaunchPage(): void {
    const page = [
      '<!doctype html><meta charset="utf-8"><title>Opening Keyflow…</title>',
      // A password field, not a hidden one: Chromium leaves a form that holds a password out of its session files.
      `<form method="post" action="${escapeHtml(this.origin)}/session"><input type="password" hidden name="launch" value="${this.launchSecret}">`,
      '<noscript><button>Open Keyflow</button></noscript></form>',
      '<script>document.forms[0].submit()</script>',
    ].join('\n');
    writeFileSync(this.launchFile, page, { mode: 0o600 });
  }

  removeLaunchPage(): void {
    rmSync(this.launchFile, { force: true });
  }

  /** Trades the launch secret for a new session (cookie half, header half), or null. */
  open(offered: string): { cookie: string; header: string } | null {
    if (!sameSecret(offered, this.launchSecret)) return null;
    this.launchSecret = secret();
    this.writeLaunchPage();
    const session = { cookie: secret(), header: secret() };
    this.sessions.set(session.cookie, session.header);
    return session;
  }

  /** Whether a request carries both halves of one session. */
  holds(cookieHalf: string | undefined, headerHalf: string | undefined): boolean {
    if (!cookieHalf || !headerHalf) return false;
    const expected = this.sessions.get(cookieHalf);
    return expected !== undefined && sameSecret(headerHalf, expected);
  }

  setCookie(cookie: string): string {
    return `${this.cookieName}=${cookie}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** The page /session answers with: it stores the header half, then opens the app. */
  sessionPage(header: string): string {
    return `<!doctype html><meta charset="utf-8"><meta name="${SESSION_META}" content="${header}"><title>Opening Keyflow…</title><script src="/session.js"></script>`;
  }
}

/** Served at /session.js (the CSP allows only the host's own scripts). */
export const SESSION_SCRIPT = `sessionStorage.setItem(${JSON.stringify(SESSION_META)}, document.querySelector('meta[name="${SESSION_META}"]').content);
location.replace('/');
`;

/** The headers a signed-in request carries. */
export interface SignedInHeaders {
  Cookie: string;
  'X-Keyflow-Session': string;
}

/**
 * Signs a client other than a browser in, as the launch page would: reads the page's launch
 * secret and trades it at /session. For the tests and the benchmarks.
 */
export async function signInWithLaunchPage(launchUrl: string): Promise<SignedInHeaders> {
  const page = readFileSync(fileURLToPath(launchUrl), 'utf8');
  const action = /action="([^"]+)"/.exec(page)?.[1];
  const launch = /name="launch" value="([^"]+)"/.exec(page)?.[1];
  if (!action || !launch) throw new Error('The launch page holds no launch form.');
  const response = await fetch(action, { method: 'POST', body: new URLSearchParams({ launch }), redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const header = new RegExp(`name="${SESSION_META}" content="([^"]+)"`).exec(await response.text())?.[1];
  if (response.status !== 200 || !cookie.includes('=') || !header) throw new Error(`The host refused the launch page (HTTP ${response.status}).`);
  return { Cookie: cookie, 'X-Keyflow-Session': header };
}
