/**
 * The Electron IPC transport end to end, minus Electron: the real core (SQLite file in a
 * temp dir, real dispatcher), the real ipc.ts and preload.ts wiring, and stand-ins only for
 * what Electron provides (ipcMain/ipcRenderer/contextBridge and the invoke event), since
 * the Electron binary can't run here.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALL_NAMES } from '../../../shared/bridge/contract';
import type { BridgeResponse } from '../../../shared/bridge/errors';
import { startCore, type KeyflowCore } from '../../../electron/core/keyflow-core';
import { KeyStoreUnavailableError, type KeyStore } from '../../../electron/core/keystore/key-store';
import type { Logger } from '../../../electron/core/logger';
import { BRIDGE_CHANNEL_PREFIX, BRIDGE_EVENT_CHANNEL, channelFor, isBridgeEventMessage } from '../../../shared/bridge/ipc-channels';
import { BRIDGE_CALL_NAMES, BRIDGE_EVENT_NAMES } from '../../../shared/bridge/names';
import {
  createEventForwarder,
  createInvokeHandler,
  isInvokeFromTrustedSender,
  UNTRUSTED_SENDER_RESPONSE,
  type EventTargetLike,
  type InvokeEventLike,
  type SenderFrameLike,
} from '../../../electron/main/ipc-guard';
import type { BridgeEvent } from '../../../shared/bridge/contract';

// What Electron would provide, recorded.
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const rendererListeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipcRendererEvent = { sender: 'ipcRenderer itself', senderId: 0 };
  return {
    handlers,
    exposed,
    invoked,
    rendererListeners,
    /** What webContents.send would deliver to the preload. */
    deliver(channel: string, ...args: unknown[]) {
      for (const listener of rendererListeners.get(channel) ?? []) listener(ipcRendererEvent, ...args);
    },
    module: {
      ipcMain: {
        handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) {
          if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
          handlers.set(channel, listener);
        },
        removeHandler(channel: string) {
          handlers.delete(channel);
        },
      },
      ipcRenderer: {
        invoke(channel: string, ...args: unknown[]) {
          invoked.push({ channel, args });
          return Promise.resolve({ ok: true, result: { channel } });
        },
        send() {
          throw new Error('the preload must not use send');
        },
        on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
          if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
          rendererListeners.get(channel)!.add(listener);
        },
        removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
          rendererListeners.get(channel)?.delete(listener);
        },
        sendSync() {
          throw new Error('the preload must not use sendSync');
        },
      },
      contextBridge: {
        exposeInMainWorld(key: string, api: unknown) {
          exposed.set(key, api);
        },
      },
    },
  };
});
vi.mock('electron', () => electron.module);

/** A keychain that isn't there, as on a headless machine: the vault offers a passphrase. */
class NoKeychain implements KeyStore {
  readonly description = 'the OS keychain';
  private fail(): never {
    throw new KeyStoreUnavailableError('No Secret Service is running.', 'Start one.');
  }
  get(): Promise<Buffer | null> {
    return Promise.resolve().then(() => this.fail());
  }
  set(): Promise<void> {
    return Promise.resolve().then(() => this.fail());
  }
  delete(): Promise<void> {
    return Promise.resolve().then(() => this.fail());
  }
}

const APP_PAGE = 'app://keyflow/index.html';

/** A page in a WebContents: its main frame, optionally with a subframe. */
function page(url: string, subframeUrl = url) {
  const mainFrame: SenderFrameLike = { url, parent: null };
  const subframe: SenderFrameLike = { url: subframeUrl, parent: mainFrame };
  const sender = { mainFrame };
  return {
    fromMainFrame: (): InvokeEventLike => ({ senderFrame: mainFrame, sender }),
    fromSubframe: (): InvokeEventLike => ({ senderFrame: subframe, sender }),
    fromGoneFrame: (): InvokeEventLike => ({ senderFrame: null, sender }),
  };
}

const app = page(APP_PAGE);

let dir: string;
let core: KeyflowCore;
const logLines: string[] = [];
const logger: Logger = {
  debug: (message) => logLines.push(`DEBUG ${message}`),
  info: (message) => logLines.push(`INFO ${message}`),
  error: (message) => logLines.push(`ERROR ${message}`),
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyflow-ipc-'));
  core = await startCore({ userDataDir: dir, keyStores: { keychain: new NoKeychain() }, host: 'electron', tripwire: true });
});

afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('channels', () => {
  it('cover exactly the calls of the contract', () => {
    expect([...BRIDGE_CALL_NAMES].sort()).toEqual([...CALL_NAMES].sort());
  });

  it('are keyflow:<call>', () => {
    expect(BRIDGE_CHANNEL_PREFIX).toBe('keyflow:');
    expect(channelFor('secrets.list')).toBe('keyflow:secrets.list');
  });

  it('carry events on one channel that no call channel can be mistaken for', () => {
    expect(BRIDGE_EVENT_NAMES).toContain('run.progress');
    expect(BRIDGE_EVENT_CHANNEL.startsWith(BRIDGE_CHANNEL_PREFIX)).toBe(false);
  });

  it.each([
    [{ name: 'run.progress', payload: { id: 'r1' } }, true],
    [{ name: 'run.progress', payload: null }, true],
    [{ name: 'run.progress' }, false],
    [{ name: 'toString', payload: 1 }, false],
    [{ name: '__proto__', payload: 1 }, false],
    [{ name: 'secrets.list', payload: 1 }, false],
    [null, false],
    ['run.progress', false],
  ])('isBridgeEventMessage(%j) is %s', (message, expected) => {
    expect(isBridgeEventMessage(message)).toBe(expected);
  });
});

describe('the sender check', () => {
  it('accepts the main frame of the app page', () => {
    expect(isInvokeFromTrustedSender(app.fromMainFrame())).toBe(true);
  });

  it.each([
    ['a subframe of the app page', page(APP_PAGE).fromSubframe()],
    ['a cross-origin subframe of the app page', page(APP_PAGE, 'https://evil.example/').fromSubframe()],
    ['a frame that is gone', app.fromGoneFrame()],
    ['another origin', page('https://evil.example/').fromMainFrame()],
    ['a look-alike host', page('app://keyflow.evil/index.html').fromMainFrame()],
    ['userinfo before the host', page('app://keyflow@evil/index.html').fromMainFrame()],
    ['file:', page('file:///etc/passwd').fromMainFrame()],
    ['about:blank', page('about:blank').fromMainFrame()],
    ['data:', page('data:text/html,x').fromMainFrame()],
  ])('refuses %s', (_label, event) => {
    expect(isInvokeFromTrustedSender(event)).toBe(false);
  });

  it("refuses a top-level frame that isn't its sender's main frame", () => {
    const stray: SenderFrameLike = { url: APP_PAGE, parent: null };
    expect(isInvokeFromTrustedSender({ senderFrame: stray, sender: { mainFrame: { url: APP_PAGE, parent: null } } })).toBe(false);
  });

  it('refuses (rather than throws) when the sender is destroyed', () => {
    const frame: SenderFrameLike = { url: APP_PAGE, parent: null };
    const destroyed = {
      senderFrame: frame,
      sender: {
        get mainFrame(): SenderFrameLike {
          throw new Error('Object has been destroyed');
        },
      },
    };
    expect(isInvokeFromTrustedSender(destroyed)).toBe(false);
  });
});

describe('the invoke handler in front of the real core', () => {
  it('passes a trusted call through to the dispatcher', async () => {
    const response = await createInvokeHandler('app.info', core.dispatch, logger)(app.fromMainFrame(), {});
    expect(response).toMatchObject({ ok: true, result: { name: 'Keyflow', host: 'electron' } });
  });

  it('lets the dispatcher validate the payload', async () => {
    const response = await createInvokeHandler('secrets.list', core.dispatch, logger)(app.fromMainFrame(), { query: 1, extra: true });
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('answers an untrusted sender with forbidden, and the core never sees the call', async () => {
    const before = (await core.dispatch('vault.status', {})) as BridgeResponse<{ state: string }>;
    expect(before).toMatchObject({ ok: true, result: { state: 'keychain-unavailable' } });

    const setUp = createInvokeHandler('vault.setUpPassphrase', core.dispatch, logger);
    for (const event of [app.fromSubframe(), app.fromGoneFrame(), page('https://evil.example/').fromMainFrame()]) {
      const response = await setUp(event, { passphrase: 'correct horse battery staple' });
      expect(response).toEqual(UNTRUSTED_SENDER_RESPONSE);
      expect(response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // Had any of those reached the vault, it would now be unlocked with a passphrase.
    expect(await core.dispatch('vault.status', {})).toEqual(before);
    expect(logLines.some((line) => line.includes('vault.setUpPassphrase: refused a message from an untrusted sender'))).toBe(true);

    expect(await setUp(app.fromMainFrame(), { passphrase: 'correct horse battery staple' })).toMatchObject({
      ok: true,
      result: { state: 'unlocked', keySource: 'passphrase' },
    });
  });

  it('turns a throwing dispatch (the tripwire) into an internal envelope instead of a rejection', async () => {
    const throwing = () => Promise.reject(Object.assign(new Error('Tripwire: value leaked'), { name: 'TripwireError' }));
    const response = await createInvokeHandler('secrets.list', throwing, logger)(app.fromMainFrame(), {});
    expect(response).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(response)).not.toContain('value leaked');
    expect(logLines.some((line) => line.startsWith('ERROR bridge secrets.list: dispatch failed (TripwireError)'))).toBe(true);
  });
});

describe('the event forwarder', () => {
  const progress = { name: 'run.progress', payload: { id: 'run_1', status: 'running' } } as unknown as BridgeEvent;

  function window(url: string, destroyed = false) {
    const sent: unknown[][] = [];
    const target: EventTargetLike = { isDestroyed: () => destroyed, mainFrame: { url }, send: (...args) => sent.push(args) };
    return { target, sent };
  }

  it("sends each event to the app page's window on the event channel", () => {
    const { target, sent } = window(APP_PAGE);
    createEventForwarder(() => target, logger)(progress);
    expect(sent).toEqual([[BRIDGE_EVENT_CHANNEL, { name: 'run.progress', payload: { id: 'run_1', status: 'running' } }]]);
  });

  it('sends nothing to a window that is not showing the app, is destroyed, or is gone', () => {
    for (const { target, sent } of [window('https://evil.example/'), window('app://keyflow.evil/index.html'), window(APP_PAGE, true)]) {
      createEventForwarder(() => target, logger)(progress);
      expect(sent).toEqual([]);
    }
    expect(() => createEventForwarder(() => null, logger)(progress)).not.toThrow();
  });

  it('never throws into the core, even when sending fails', () => {
    const target: EventTargetLike = {
      isDestroyed: () => false,
      mainFrame: { url: APP_PAGE },
      send: () => {
        throw new Error('Render frame was disposed');
      },
    };
    expect(() => createEventForwarder(() => target, logger)(progress)).not.toThrow();
  });
});

describe('electron/main/ipc.ts', () => {
  it('registers one sender-checked handler per call, and removes them again', async () => {
    const { registerBridgeIpc } = await import('../../../electron/main/ipc');
    const unregister = registerBridgeIpc({ dispatch: core.dispatch, logger });
    expect([...electron.handlers.keys()].sort()).toEqual(CALL_NAMES.map((name) => `keyflow:${name}`).sort());

    const info = electron.handlers.get('keyflow:app.info')!;
    expect(await info(app.fromMainFrame(), {})).toMatchObject({ ok: true, result: { name: 'Keyflow' } });
    expect(await info(app.fromSubframe(), {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The channel, not the payload, names the call.
    expect(await electron.handlers.get('keyflow:vault.status')!(app.fromMainFrame(), { name: 'secrets.delete' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });

    unregister();
    expect(electron.handlers.size).toBe(0);
  });
});

describe('electron/preload/preload.ts', () => {
  it('exposes window.keyflow with one function per call, each invoking its own channel with the args only', async () => {
    await import('../../../electron/preload/preload');
    expect([...electron.exposed.keys()].sort()).toEqual(['keyflow', 'keyflowEvents']);
    const api = electron.exposed.get('keyflow') as Record<string, (args: unknown) => Promise<unknown>>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort());
    for (const name of CALL_NAMES) {
      expect(typeof api[name]).toBe('function');
      const args = { probe: name };
      await expect(api[name]!(args)).resolves.toEqual({ ok: true, result: { channel: `keyflow:${name}` } });
      expect(electron.invoked.at(-1)).toEqual({ channel: `keyflow:${name}`, args: [args] });
    }
  });

  it('exposes nothing that reaches ipcRenderer or an arbitrary channel', () => {
    const api = electron.exposed.get('keyflow') as Record<string, unknown>;
    const events = electron.exposed.get('keyflowEvents') as Record<string, unknown>;
    expect(Object.keys(events)).toEqual(['subscribe']);
    expect(Object.isFrozen(events)).toBe(true);
    for (const value of [...Object.values(api), ...Object.values(events)]) {
      expect(value).not.toBe(electron.module.ipcRenderer);
      expect(value).not.toBe(electron.module.ipcRenderer.invoke);
    }
    for (const key of ['invoke', 'send', 'on', 'removeListener', 'ipcRenderer', 'call', 'request']) expect(api).not.toHaveProperty(key);
    // Extra arguments (e.g. a channel name) are ignored.
    const count = electron.invoked.length;
    void (api['app.info'] as (...args: unknown[]) => unknown)({}, 'keyflow:secrets.delete');
    expect(electron.invoked.slice(count)).toEqual([{ channel: 'keyflow:app.info', args: [{}] }]);
  });

  it('keyflowEvents.subscribe delivers known events as { name, payload } only, and stops when asked', () => {
    const api = electron.exposed.get('keyflowEvents') as { subscribe(listener: (event: unknown) => void): () => void };
    const received: unknown[] = [];
    const unsubscribe = api.subscribe((event) => received.push(event));
    expect(electron.rendererListeners.get(BRIDGE_EVENT_CHANNEL)?.size).toBe(1);

    electron.deliver(BRIDGE_EVENT_CHANNEL, { name: 'run.progress', payload: { id: 'run_1' }, extra: 'dropped' });
    electron.deliver(BRIDGE_EVENT_CHANNEL, { name: 'secrets.reveal', payload: 'x' });
    electron.deliver(BRIDGE_EVENT_CHANNEL, 'garbage');
    electron.deliver('keyflow:secrets.list', { name: 'run.progress', payload: 'wrong channel' });
    expect(received).toEqual([{ name: 'run.progress', payload: { id: 'run_1' } }]);
    // The IPC event (whose sender is ipcRenderer) never reaches the page.
    expect(JSON.stringify(received)).not.toContain('ipcRenderer');

    unsubscribe();
    unsubscribe();
    expect(electron.rendererListeners.get(BRIDGE_EVENT_CHANNEL)?.size).toBe(0);
    electron.deliver(BRIDGE_EVENT_CHANNEL, { name: 'run.progress', payload: { id: 'run_2' } });
    expect(received).toHaveLength(1);
  });

  it('keyflowEvents.subscribe refuses a non-function', () => {
    const api = electron.exposed.get('keyflowEvents') as { subscribe(listener: unknown): () => void };
    expect(() => api.subscribe('alert(1)')).toThrow(TypeError);
  });
});
