/**
 * The Electron shell's security policy as plain functions and data, free of 'electron' so
 * it can be unit-tested under Node. The shell (electron/main) only wires these into
 * Electron's events; every decision about origins, navigation, external links and
 * window settings is made here.
 *
 * The renderer is served from a custom, privileged protocol (app://keyflow) rather than
 * file:// so that it has a real origin the CSP and the IPC sender check can rely on.
 */
import { APP_ENTRY_PATH } from '../core/security/renderer-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'keyflow';
/** The renderer's origin: `app://keyflow`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one document the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}${APP_ENTRY_PATH}`;

/**
 * How the app scheme is registered (protocol.registerSchemesAsPrivileged): standard so
 * it has an origin and relative URLs resolve, secure so it counts as a secure context,
 * supportFetchAPI so the renderer's own assets can be fetched. Nothing else: no CORS
 * bypass, no service workers, no CSP bypass.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const;

/**
 * The only hosts a link in the renderer may open in the user's browser (https, port 443,
 * exact host match — no subdomains, no userinfo). Keep this list short.
 */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = Object.freeze(['keyflow.dev', 'docs.keyflow.dev']);

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for a URL of the app's own origin, exactly: scheme `app`, host `keyflow`, no port,
 * no userinfo. (`app://keyflow.evil/`, `app://keyflow@evil/` and `app://keyflow:1/` are not.)
 * Chromium canonicalizes a standard scheme's host to lower case before we see it; Node's
 * parser does not for unknown schemes, so the comparison is exact and fails closed.
 */
export function isAppUrl(url: unknown): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Whether an IPC message may reach the core: it must come from the main frame of a page of
 * the app's own origin. Subframes (even of the app's origin), other origins, about:blank,
 * data:, file: and a missing frame (navigated away or destroyed) are all refused.
 */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame === true && isAppUrl(frameUrl);
}

/**
 * Whether the window may navigate to `url`. Keyflow is a single page: the window never
 * leaves the document it loaded. The only navigation allowed is (re)loading that same
 * document of the app origin (e.g. a renderer-initiated reload); everything else —
 * other origins, other app paths, file:, data:, javascript:, blob: — is refused.
 */
export function isAllowedNavigation(url: unknown): boolean {
  if (!isAppUrl(url)) return false;
  const { pathname, search } = new URL(url as string);
  return (pathname === APP_ENTRY_PATH || pathname === '/') && search === '';
}

/**
 * The normalized URL to hand to the OS browser, or null if `url` may not be opened:
 * https only, default port, no userinfo, host exactly on EXTERNAL_URL_ALLOWLIST.
 * Callers must open the returned string, not the input: the parser's normalization
 * (backslashes, case, percent-encoding) is what was checked.
 */
export function externalUrlToOpen(url: unknown): string | null {
  const parsed = parse(url);
  if (parsed === null) return null;
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  // The parser drops an explicit :443 for https, so any remaining port is a different one.
  if (parsed.port !== '') return null;
  if (!EXTERNAL_URL_ALLOWLIST.includes(parsed.hostname)) return null;
  return parsed.href;
}

export function isAllowedExternalUrl(url: unknown): boolean {
  return externalUrlToOpen(url) !== null;
}

/** What the main process answers to any permission request or check: always no. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/**
 * The subset of Electron's WebPreferences this module sets. Declared locally because
 * lint keeps 'electron' (even type imports) out of electron/core; the shell passes these
 * objects to BrowserWindow, where the compiler checks them against Electron's own types.
 */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  plugins: false;
  enableWebSQL: false;
  spellcheck: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  devTools: boolean;
}

export interface MainWindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: false;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: SecureWebPreferences;
}

export interface WindowPolicyOptions {
  /** Allow opening the DevTools (development builds only). Default: false. */
  devTools?: boolean;
}

export function secureWebPreferences(preloadPath: string, options: WindowPolicyOptions = {}): SecureWebPreferences {
  if (typeof preloadPath !== 'string' || preloadPath.length === 0) {
    throw new TypeError('secureWebPreferences needs the absolute path of the preload script.');
  }
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    plugins: false,
    enableWebSQL: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools === true,
  };
}

export function mainWindowOptions(preloadPath: string, options: WindowPolicyOptions = {}): MainWindowOptions {
  return {
    title: 'Keyflow',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    // Shown on 'ready-to-show', so the user never sees an unstyled flash.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, options),
  };
}
