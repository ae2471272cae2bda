import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  EXTERNAL_URL_ALLOWLIST,
  externalUrlToOpen,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isAppUrl,
  isPermissionGranted,
  isTrustedSender,
  mainWindowOptions,
  secureWebPreferences,
} from '../../../electron/main/window-policy';

const PRELOAD = '/opt/Keyflow/resources/app.asar/dist/electron/preload.js';

describe('the app origin', () => {
  it('is app://keyflow, with index.html as the entry document', () => {
    expect(APP_ORIGIN).toBe('app://keyflow');
    expect(APP_ENTRY_URL).toBe('app://keyflow/index.html');
  });

  it('is registered as standard and secure with fetch, and nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });

  it.each([
    ['app://keyflow/index.html', true],
    ['app://keyflow/', true],
    ['app://keyflow/assets/index-abc123.js', true],
    ['app://keyflow.evil/', false],
    ['app://keyflow@evil/', false],
    ['app://user:pw@keyflow/', false],
    ['app://keyflow:8080/', false],
    ['app://evil.keyflow/', false],
    ['app://keyfloww/', false],
    ['app:///keyflow', false],
    ['app:keyflow', false],
    ['apps://keyflow/', false],
    ['https://keyflow/', false],
    ['file:///keyflow/index.html', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('isAppUrl(%j) is %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['app://keyflow/']]) expect(isAppUrl(value)).toBe(false);
  });
});

describe('isTrustedSender: the app origin, main frame only', () => {
  it.each([
    ['app://keyflow/index.html', true, true],
    ['app://keyflow/index.html#/secrets', true, true],
    ['app://keyflow/index.html', false, false], // a subframe of the app's own origin
    ['app://keyflow.evil/index.html', true, false],
    ['app://keyflow@evil/index.html', true, false],
    ['app://keyflow:1/index.html', true, false],
    ['https://keyflow.dev/', true, false],
    ['http://127.0.0.1:5173/', true, false],
    ['file:///etc/passwd', true, false],
    ['about:blank', true, false],
    ['data:text/html,<script>1</script>', true, false],
    ['javascript:alert(1)', true, false],
    ['devtools://devtools/bundled/inspector.html', true, false],
    ['', true, false],
  ])('%j (main frame: %s) → %s', (url, isMainFrame, expected) => {
    expect(isTrustedSender(url, isMainFrame)).toBe(expected);
  });

  it('refuses a missing frame URL', () => {
    expect(isTrustedSender(null, true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });

  it('demands a literal true for the main-frame flag', () => {
    expect(isTrustedSender('app://keyflow/index.html', 1 as unknown as boolean)).toBe(false);
  });
});

describe('isAllowedNavigation: the window never leaves its page', () => {
  it.each([
    ['app://keyflow/index.html', true],
    ['app://keyflow/', true],
    ['app://keyflow/index.html#/settings', true],
    ['app://keyflow/index.html?next=https://evil', false],
    ['app://keyflow/other.html', false],
    ['app://keyflow/assets/index.js', false],
    ['app://keyflow.evil/index.html', false],
    ['app://keyflow@evil/index.html', false],
    ['https://keyflow.dev/', false],
    ['https://docs.keyflow.dev/guide', false],
    ['http://localhost:3000/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['blob:app://keyflow/1234', false],
    ['about:blank', false],
    ['chrome://settings', false],
  ])('%j → %s', (url, expected) => {
    expect(isAllowedNavigation(url)).toBe(expected);
  });
});

describe('external links: https, allow-listed host, nothing tricky', () => {
  it('keeps the allow-list short and to bare host names', () => {
    expect(EXTERNAL_URL_ALLOWLIST.length).toBeGreaterThan(0);
    expect(EXTERNAL_URL_ALLOWLIST.length).toBeLessThanOrEqual(5);
    for (const host of EXTERNAL_URL_ALLOWLIST) expect(host).toMatch(/^[a-z0-9.-]+$/);
    expect(Object.isFrozen(EXTERNAL_URL_ALLOWLIST)).toBe(true);
  });

  const allowed = EXTERNAL_URL_ALLOWLIST[0]!;

  it.each([
    [`https://${allowed}/`, true],
    [`https://${allowed}/docs/secrets?tab=team#create`, true],
    [`https://${allowed}:443/docs`, true], // the default port, dropped by the parser
    [`HTTPS://${allowed.toUpperCase()}/docs`, true],
    [`http://${allowed}/`, false],
    [`https://${allowed}:8443/`, false],
    [`https://${allowed}.evil.com/`, false],
    [`https://evil.com/${allowed}`, false],
    [`https://evil.com/?u=https://${allowed}`, false],
    [`https://sub.${allowed}.evil.com/`, false],
    [`https://x${allowed}/`, false],
    [`https://${allowed}./`, false], // trailing dot: a different name to the resolver's allow-list
    [`https://user@${allowed}/`, false],
    [`https://user:pass@${allowed}/`, false],
    [`https://${allowed}@evil.com/`, false],
    [`https://${allowed}%40evil.com/`, false],
    [`//${allowed}/`, false],
    [`${allowed}/docs`, false],
    ['javascript:alert(1)', false],
    [`javascript://${allowed}/%0aalert(1)`, false],
    ['file:///etc/passwd', false],
    [`file://${allowed}/etc/passwd`, false],
    [`ftp://${allowed}/`, false],
    [`ws://${allowed}/`, false],
    [`data:text/html,https://${allowed}`, false],
    ['app://keyflow/index.html', false],
    ['mailto:security@keyflow.dev', false],
    ['smb://attacker/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['', false],
  ])('%j → %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });

  it('hands back the parsed, normalized URL, which is what gets opened', () => {
    expect(externalUrlToOpen(`https://${allowed}:443/a/../b`)).toBe(`https://${allowed}/b`);
    // A backslash is a path separator to the WHATWG parser: the host stays the allowed one.
    expect(externalUrlToOpen(`https://${allowed}\\@evil.com/`)).toBe(`https://${allowed}/@evil.com/`);
    expect(externalUrlToOpen('https://evil.com/')).toBeNull();
  });

  it('rejects hosts that only look like an allowed one once decoded', () => {
    // Punycode of a homograph is not the ASCII name.
    expect(isAllowedExternalUrl(`https://${allowed.replace('e', 'е')}/`)).toBe(false);
  });
});

describe('permissions', () => {
  it('grants none', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'unknown']) {
      expect(isPermissionGranted(permission)).toBe(false);
    }
  });
});

describe('window options', () => {
  it('isolates and sandboxes the renderer, with Node off everywhere', () => {
    const prefs = secureWebPreferences(PRELOAD);
    expect(prefs).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and risky features off', () => {
    expect(secureWebPreferences(PRELOAD)).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      plugins: false,
      enableWebSQL: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
    });
  });

  it('enables Blink features and extra preloads nowhere', () => {
    const prefs = secureWebPreferences(PRELOAD) as unknown as Record<string, unknown>;
    for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session', 'offscreen', 'javascript']) {
      expect(prefs).not.toHaveProperty(key);
    }
  });

  it('allows DevTools only when asked (development)', () => {
    expect(secureWebPreferences(PRELOAD, { devTools: true }).devTools).toBe(true);
    expect(secureWebPreferences(PRELOAD, {}).devTools).toBe(false);
  });

  it('needs a preload path', () => {
    expect(() => secureWebPreferences('')).toThrow(TypeError);
  });

  it('builds the main window hidden until ready, with those preferences', () => {
    const options = mainWindowOptions(PRELOAD);
    expect(options.show).toBe(false);
    expect(options.title).toBe('Keyflow');
    expect(options.minWidth).toBeLessThanOrEqual(options.width);
    expect(options.minHeight).toBeLessThanOrEqual(options.height);
    expect(options.webPreferences).toEqual(secureWebPreferences(PRELOAD));
  });
});
