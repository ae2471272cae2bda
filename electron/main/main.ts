/**
 * The Electron shell's entry point: app lifecycle only. It starts the same core the
 * browser host runs, serves the renderer on app://keyflow, carries the bridge over IPC,
 * and applies the window/session policy of core/security.
 *
 *   electron . [--user-data-dir DIR]
 */
import { app, BrowserWindow, dialog, protocol, safeStorage, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FILE, startCore, type KeyflowCore } from '../core/keyflow-core';
import { KeytarKeyStore } from '../core/keystore/keytar-key-store';
import { tripwireRequested } from '../core/bridge/tripwire';
import { fileLogger } from '../core/logger';
import { serveAppRequest } from './app-protocol';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './window-policy';
import { parseShellArgs } from './args';
import { WORKSPACE_FILE_EXTENSION, type PathKind } from '../../shared/model/files';
import { forwardBridgeEvents, registerBridgeIpc } from './ipc';
import { safeStorageKeyStoreIfAvailable } from './safe-storage-key-store';
import { createMainWindow, hardenAllWebContents, hardenSession } from './window';

const APP_USER_MODEL_ID = 'dev.keyflow.app';
/** dist/electron/main.js → dist/renderer and dist/electron/preload.js (also inside app.asar). */
const RENDERER_DIR = join(__dirname, '..', 'renderer');
const PRELOAD_PATH = join(__dirname, 'preload.js');
/** Chromium switches that would let another process drive the renderer; refused in packaged builds. */
const FORBIDDEN_PACKAGED_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address'];

/** Tells the user why Keyflow can't start, then exits. Callers return right after. */
function fail(error: unknown): void {
  const title = 'Keyflow could not start';
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Keyflow: ${title}: ${message}\n`);
  if (app.isReady()) dialog.showErrorBox(title, message);
  app.exit(1);
}

function main(): void {
  let userDataDir: string | undefined;
  try {
    userDataDir = parseShellArgs(process.argv).userDataDir;
  } catch (error) {
    fail(error);
    return;
  }
  // Before anything reads the path (the single-instance lock lives in it, too).
  if (userDataDir) app.setPath('userData', userDataDir);

  if (app.isPackaged) {
    for (const name of FORBIDDEN_PACKAGED_SWITCHES) {
      if (app.commandLine.hasSwitch(name)) {
        fail(new Error(`--${name} is not allowed.`));
        return;
      }
    }
  }

  // All of these must happen before 'ready'.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  // One instance per user-data directory: two would share one SQLite file and one vault.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const devMode = !app.isPackaged;
  // Private to this user before anything (the logger included) creates files in it.
  mkdirSync(app.getPath('userData'), { recursive: true, mode: 0o700 });
  // The shell writes to the core's log file, so one file tells the whole story.
  const logger = fileLogger(join(app.getPath('userData'), LOG_FILE), { debug: devMode, echo: devMode });
  hardenAllWebContents(logger);

  let core: KeyflowCore | undefined;
  let unregisterIpc: (() => void) | undefined;
  let stopEvents: (() => void) | undefined;
  let mainWindow: BrowserWindow | null = null;

  const openWindow = () => {
    const window = (mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, devTools: devMode, logger: core?.logger ?? logger }));
    // The page asks before a reload or close would drop unsaved edits (beforeunload); Electron leaves the asking to us.
    window.webContents.on('will-prevent-unload', (event) => {
      const choice = dialog.showMessageBoxSync(window, {
        type: 'question',
        buttons: ['Leave without saving', 'Stay'],
        defaultId: 1,
        cancelId: 1,
        message: 'This workflow has changes that are not saved yet.',
        detail: 'Leave and lose them, or stay to save them?',
      });
      if (choice === 0) event.preventDefault();
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Close the core (it may finish a database write or a run) before the process ends.
  app.on('will-quit', (event) => {
    const closing = core;
    if (!closing) return;
    core = undefined;
    event.preventDefault();
    stopEvents?.();
    unregisterIpc?.();
    Promise.resolve()
      .then(() => closing.close())
      .catch((error: unknown) => logger.error('shell: closing the core failed', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, logger);
      protocol.handle(APP_SCHEME, (request) => serveAppRequest(RENDERER_DIR, request));

      const dataDir = app.getPath('userData');
      core = await startCore({
        userDataDir: dataDir,
        keyStores: {
          keychain: new KeytarKeyStore(),
          safeStorage: await safeStorageKeyStoreIfAvailable(safeStorage, dataDir),
        },
        host: 'electron',
        tripwire: tripwireRequested(),
        logToStderr: devMode,
        choosePath: (kind) => choosePath(mainWindow, kind),
      });
      unregisterIpc = registerBridgeIpc(core);
      stopEvents = forwardBridgeEvents(core, () => mainWindow?.webContents);
      openWindow();
    })
    .catch((error: unknown) => {
      logger.error('shell: start-up failed', error);
      fail(error);
    });
}

/** Browse… in Electron: the system's own dialog, for a folder or a workspace file. */
async function choosePath(window: BrowserWindow | null, kind: PathKind): Promise<string | null> {
  const options: Electron.OpenDialogOptions =
    kind === 'folder'
      ? { title: 'Choose the shared folder', properties: ['openDirectory', 'createDirectory'] }
      : { title: 'Open workspace file', properties: ['openFile'], filters: [{ name: 'Keyflow workspace', extensions: [WORKSPACE_FILE_EXTENSION.slice(1)] }] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

main();
