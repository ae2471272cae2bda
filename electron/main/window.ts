/**
 * The main window and the guards on every WebContents and on the session. All decisions
 * come from core/security/window-policy; this file only attaches them to Electron.
 */
import { app, BrowserWindow, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/logger';
import { APP_ENTRY_URL, externalUrlToOpen, isAllowedNavigation, isPermissionGranted, mainWindowOptions } from './window-policy';

/**
 * Requests the renderer may never make, whatever the CSP says: any network scheme and
 * file:. The app's own app:// requests, data: images and the DevTools' own schemes are
 * not matched. (The core talks to the network with Node, not through this session.)
 */
const BLOCKED_REQUEST_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'];

function openExternally(url: string, logger: Logger): void {
  const target = externalUrlToOpen(url);
  if (target === null) {
    logger.info('window: refused to open a link that is not on the allow-list');
    return;
  }
  shell.openExternal(target).catch((error: unknown) => logger.error('window: could not open a link in the browser', error));
}

const hardened = new WeakSet<WebContents>();

/**
 * Stops a WebContents from leaving its page, opening windows, attaching webviews or
 * following redirects. Idempotent. Links to allow-listed https hosts go to the OS browser.
 */
export function hardenWebContents(contents: WebContents, logger: Logger): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    logger.info('window: blocked a navigation away from the app');
    if (event.isMainFrame) openExternally(event.url, logger);
  });
  // Covers subframes as well (Electron ≥ 25); there should be none, and none may navigate.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame && isAllowedNavigation(event.url)) return;
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame && isAllowedNavigation(event.url)) return;
    event.preventDefault();
    logger.info('window: blocked a redirect');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.info('window: blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, logger);
    return { action: 'deny' };
  });
}

/** Applies hardenWebContents to every WebContents the app ever creates. Call once, early. */
export function hardenAllWebContents(logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
}

/** Denies every permission and device request, and cancels every network request of the session. */
export function hardenSession(target: Session, logger: Logger): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = isPermissionGranted(permission);
    if (!granted) logger.info(`window: denied the permission "${permission}"`);
    callback(granted);
  });
  target.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  target.setDevicePermissionHandler(() => false);
  target.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_URLS }, (_details, callback) => callback({ cancel: true }));
}

export interface MainWindowSetup {
  preloadPath: string;
  devTools: boolean;
  logger: Logger;
}

export function createMainWindow({ preloadPath, devTools, logger }: MainWindowSetup): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, { devTools }));
  hardenWebContents(window.webContents, logger);
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    if (isMainFrame) logger.error(`window: the app page failed to load (${code} ${description})`);
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error(`window: the renderer process is gone (${details.reason}, exit code ${details.exitCode})`);
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => logger.error('window: loading the app page failed', error));
  return window;
}
