/**
 * The Electron shell (main.ts and window.ts) against a recording stand-in for the
 * 'electron' module, since the Electron binary can't run here. Everything else is real:
 * the core starts on a SQLite file in a temp dir with the OS keychain (gnome-keyring in
 * the test session), and the bridge handlers it registers are the real ones.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALL_NAMES } from '../../../shared/bridge/contract';
import { channelFor } from '../../../shared/bridge/ipc-channels';
import { LOG_FILE } from '../../../electron/core/keyflow-core';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener): this {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener): this {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]): void {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    count(event: string): number {
      return this.listeners.get(event)?.length ?? 0;
    }
  }

  class FakeWebContents extends Emitter {
    openHandler: ((details: { url: string }) => { action: string }) | undefined;
    loaded: string[] = [];
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
      this.openHandler = handler;
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }

  const state = {
    windows: [] as FakeWindow[],
    app: undefined as unknown as FakeApp,
    switches: new Set<string>(),
    paths: new Map<string, string>(),
    exitCode: undefined as number | undefined,
    quitCalls: 0,
    singleInstance: true,
    sandboxEnabled: false,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    messageBoxChoice: 1,
    messageBoxes: [] as unknown[],
    /** What each open dialog was asked for, and the path the person picks (null: cancelled). */
    openDialogs: [] as Electron.OpenDialogOptions[],
    openDialogPick: null as string | null,
    errorBoxes: [] as { title: string; message: string }[],
    openedExternally: [] as string[],
    session: undefined as unknown as FakeSession,
  };

  class FakeWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    shown = false;
    minimized = false;
    focused = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    static getAllWindows(): FakeWindow[] {
      return state.windows.filter((window) => !window.closed);
    }
    closed = false;
    /** Like Electron's: the window's page loads through its WebContents. */
    loadURL(url: string): Promise<void> {
      return this.webContents.loadURL(url);
    }
    show(): void {
      this.shown = true;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.minimized = false;
    }
    focus(): void {
      this.focused = true;
    }
    close(): void {
      this.closed = true;
      this.emit('closed');
    }
  }

  class FakeSession {
    permissionRequest: Listener | undefined;
    permissionCheck: Listener | undefined;
    devicePermission: Listener | undefined;
    blockedUrls: string[] = [];
    blocker: Listener | undefined;
    setPermissionRequestHandler(handler: Listener): void {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: Listener): void {
      this.permissionCheck = handler;
    }
    setDevicePermissionHandler(handler: Listener): void {
      this.devicePermission = handler;
    }
    webRequest = {
      onBeforeRequest: (filter: { urls: string[] }, handler: Listener) => {
        this.blockedUrls = filter.urls;
        this.blocker = handler;
      },
    };
  }

  class FakeApp extends Emitter {
    isPackaged = true;
    ready = false;
    commandLine = { hasSwitch: (name: string) => state.switches.has(name) };
    isReady(): boolean {
      return this.ready;
    }
    whenReady(): Promise<void> {
      this.ready = true;
      return Promise.resolve();
    }
    setPath(name: string, path: string): void {
      state.paths.set(name, path);
    }
    getPath(name: string): string {
      const path = state.paths.get(name);
      if (!path) throw new Error(`no path for ${name} in this test`);
      return path;
    }
    enableSandbox(): void {
      state.sandboxEnabled = true;
    }
    setAppUserModelId(): void {}
    requestSingleInstanceLock(): boolean {
      return state.singleInstance;
    }
    quit(): void {
      state.quitCalls += 1;
    }
    exit(code: number): void {
      state.exitCode = code;
    }
  }

  const reset = () => {
    state.windows = [];
    state.app = new FakeApp();
    state.switches = new Set();
    state.paths = new Map();
    state.exitCode = undefined;
    state.quitCalls = 0;
    state.singleInstance = true;
    state.sandboxEnabled = false;
    state.privilegedSchemes = [];
    state.protocolHandlers = new Map();
    state.ipcHandlers = new Map();
    state.messageBoxChoice = 1;
    state.messageBoxes = [];
    state.openDialogs = [];
    state.openDialogPick = null;
    state.errorBoxes = [];
    state.openedExternally = [];
    state.session = new FakeSession();
  };
  reset();

  return {
    state,
    reset,
    FakeWebContents,
    FakeSession,
    module: {
      get app() {
        return state.app;
      },
      BrowserWindow: FakeWindow,
      dialog: {
        showErrorBox(title: string, message: string) {
          state.errorBoxes.push({ title, message });
        },
        showMessageBoxSync(_window: unknown, options: unknown) {
          state.messageBoxes.push(options);
          return state.messageBoxChoice;
        },
        showOpenDialog(_window: unknown, options: Electron.OpenDialogOptions) {
          state.openDialogs.push(options);
          const pick = state.openDialogPick;
          return Promise.resolve(pick === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [pick] });
        },
      },
      protocol: {
        registerSchemesAsPrivileged(schemes: unknown[]) {
          state.privilegedSchemes.push(...schemes);
        },
        handle(scheme: string, handler: Listener) {
          state.protocolHandlers.set(scheme, handler);
        },
      },
      get session() {
        return { defaultSession: state.session };
      },
      safeStorage: {
        isAsyncEncryptionAvailable: () => Promise.resolve(false),
        getSelectedStorageBackend: () => 'basic_text',
      },
      shell: {
        openExternal(url: string) {
          state.openedExternally.push(url);
          return Promise.resolve();
        },
      },
      ipcMain: {
        handle(channel: string, handler: Listener) {
          if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
          state.ipcHandlers.set(channel, handler);
        },
        removeHandler(channel: string) {
          state.ipcHandlers.delete(channel);
        },
      },
    },
  };
});

vi.mock('electron', () => electron.module);

const { state } = electron;
const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

describe('window.ts: the guards on every WebContents and on the session', () => {
  beforeEach(() => electron.reset());

  it('keeps the page on the app: outside navigations are stopped and allow-listed links go to the OS browser', async () => {
    const { hardenWebContents } = await import('../../../electron/main/window');
    const contents = new electron.FakeWebContents();
    hardenWebContents(contents as never, silentLogger);

    const navigate = (url: string, isMainFrame = true) => {
      const event = {
        url,
        isMainFrame,
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      contents.emit('will-navigate', event);
      return event.prevented;
    };
    expect(navigate('app://keyflow/index.html')).toBe(false);
    expect(navigate('https://evil.example/phish')).toBe(true);
    expect(navigate('https://docs.keyflow.dev/secrets')).toBe(true);
    expect(state.openedExternally).toEqual(['https://docs.keyflow.dev/secrets']);

    const redirect = {
      url: 'https://evil.example/',
      isMainFrame: true,
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    contents.emit('will-redirect', redirect);
    expect(redirect.prevented).toBe(true);

    const webview = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);

    expect(contents.openHandler?.({ url: 'https://keyflow.dev/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(state.openedExternally).toEqual(['https://docs.keyflow.dev/secrets', 'https://keyflow.dev/']);
  });

  it('guards a WebContents once, however often it is handed over', async () => {
    const { hardenWebContents } = await import('../../../electron/main/window');
    const contents = new electron.FakeWebContents();
    hardenWebContents(contents as never, silentLogger);
    hardenWebContents(contents as never, silentLogger);
    expect(contents.count('will-navigate')).toBe(1);
    expect(contents.count('will-redirect')).toBe(1);
  });

  it('denies every permission and device, and cancels the network requests of the session', async () => {
    const { hardenSession } = await import('../../../electron/main/window');
    const target = new electron.FakeSession();
    hardenSession(target as never, silentLogger);

    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'notifications']) {
      target.permissionRequest?.(null, permission, (granted: boolean) => answers.push(granted));
      answers.push(target.permissionCheck?.(null, permission) as boolean);
    }
    expect(answers.every((granted) => granted === false)).toBe(true);
    expect(target.devicePermission?.()).toBe(false);
    expect(target.blockedUrls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*']));
    let cancelled: unknown;
    target.blocker?.({ url: 'https://example.com/' }, (response: unknown) => (cancelled = response));
    expect(cancelled).toEqual({ cancel: true });
  });

  it('opens the main window sandboxed on the app page and shows it only when it is ready', async () => {
    const { createMainWindow } = await import('../../../electron/main/window');
    const window = createMainWindow({ preloadPath: '/app/preload.js', devTools: false, logger: silentLogger }) as unknown as InstanceType<typeof electron.module.BrowserWindow>;
    const preferences = window.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({ preload: '/app/preload.js', sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(window.webContents.loaded).toEqual(['app://keyflow/index.html']);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
    expect(window.webContents.count('will-navigate')).toBe(1);
  });
});

describe('main.ts: the shell from start to quit', () => {
  let dataDir: string;
  let argv: string[];

  beforeEach(() => {
    electron.reset();
    vi.resetModules();
    dataDir = join(mkdtempSync(join(tmpdir(), 'keyflow-shell-')), 'user data');
    argv = process.argv;
  });
  afterEach(() => {
    process.argv = argv;
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  async function launch(...args: string[]): Promise<void> {
    process.argv = ['/opt/Keyflow/keyflow', ...args];
    await import('../../../electron/main/main');
  }

  async function launched(): Promise<InstanceType<typeof electron.module.BrowserWindow>> {
    await launch('--user-data-dir', dataDir);
    await vi.waitFor(() => expect(state.windows).toHaveLength(1), { timeout: 20_000, interval: 20 });
    return state.windows[0]!;
  }

  async function quit(): Promise<void> {
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    state.app.emit('will-quit', event);
    expect(event.prevented).toBe(true);
    await vi.waitFor(() => expect(state.quitCalls).toBe(1), { timeout: 20_000, interval: 20 });
  }

  it('starts the core in the chosen directory, serves the bridge over IPC and opens one sandboxed window; quitting closes it all', async () => {
    const window = await launched();

    expect(state.paths.get('userData')).toBe(dataDir);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dataDir, LOG_FILE))).toBe(true);
    expect(state.sandboxEnabled).toBe(true);
    expect(state.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(state.protocolHandlers.has('app')).toBe(true);
    expect([...state.ipcHandlers.keys()].sort()).toEqual(CALL_NAMES.map(channelFor).sort());
    expect(window.webContents.loaded).toEqual(['app://keyflow/index.html']);
    expect((window.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    expect(state.session.permissionRequest).toBeDefined();

    await quit();
    expect(state.ipcHandlers.size).toBe(0);
    expect(state.exitCode).toBeUndefined();
  });

  it('answers a bridge call from the window and refuses one from anywhere else', async () => {
    const window = await launched();
    const handler = state.ipcHandlers.get(channelFor('vault.status'))!;
    const invoke = (url: string) => {
      const frame = { url, parent: null };
      return handler({ sender: { mainFrame: frame }, senderFrame: frame }, undefined);
    };
    expect(await invoke(window.webContents.loaded[0]!)).toMatchObject({ ok: true, result: expect.objectContaining({}) });
    expect(await invoke('https://evil.example/')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await quit();
  });

  it('Browse… opens the system dialog for what is chosen: a shared folder, a workspace file, or a folder to save a recovery kit in', async () => {
    const window = await launched();
    const handler = state.ipcHandlers.get(channelFor('files.choose'))!;
    const frame = { url: window.webContents.loaded[0]!, parent: null };
    const choose = (kind: string) => handler({ sender: { mainFrame: frame }, senderFrame: frame }, { kind });
    state.openDialogPick = '/home/ada/Kits';
    expect(await choose('save-folder')).toEqual({ ok: true, result: { path: '/home/ada/Kits' } });
    expect(state.openDialogs.at(-1)).toMatchObject({ title: 'Choose where to save', buttonLabel: 'Save here', properties: ['openDirectory', 'createDirectory'] });
    expect(await choose('folder')).toEqual({ ok: true, result: { path: '/home/ada/Kits' } });
    expect(state.openDialogs.at(-1)).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
    state.openDialogPick = null;
    expect(await choose('workspace-file')).toEqual({ ok: true, result: { path: null } });
    expect(state.openDialogs.at(-1)).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['keyflow'] }] });
    expect(await choose('anything')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(state.openDialogs).toHaveLength(3);
    await quit();
  });

  it('asks before a reload or close drops unsaved edits, and leaves only when the user says so', async () => {
    const window = await launched();
    const unload = () => {
      const event = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      window.webContents.emit('will-prevent-unload', event);
      return event.prevented;
    };
    state.messageBoxChoice = 1;
    expect(unload()).toBe(false);
    state.messageBoxChoice = 0;
    expect(unload()).toBe(true);
    expect(state.messageBoxes).toHaveLength(2);
    await quit();
  });

  it('brings the existing window forward when a second instance starts, and reopens one on activate', async () => {
    const window = await launched();
    window.minimized = true;
    state.app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);

    window.close();
    state.app.emit('activate');
    expect(state.windows).toHaveLength(2);
    await quit();
  });

  it('leaves at once when another instance holds this directory', async () => {
    state.singleInstance = false;
    await launch('--user-data-dir', dataDir);
    expect(state.quitCalls).toBe(1);
    expect(existsSync(dataDir)).toBe(false);
    expect(state.windows).toHaveLength(0);
  });

  it('refuses a remote-debugging switch in a packaged build, before anything starts', async () => {
    state.switches.add('remote-debugging-port');
    await launch('--user-data-dir', dataDir, '--remote-debugging-port=9222');
    expect(state.exitCode).toBe(1);
    expect(state.sandboxEnabled).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits with a reason, not with the default vault, when --user-data-dir has no directory', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await launch('--user-data-dir');
      expect(state.exitCode).toBe(1);
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining('--user-data-dir needs a directory.'));
      expect(state.paths.has('userData')).toBe(false);
    } finally {
      stderr.mockRestore();
    }
  });
});
