/**
 * Events main pushes to this window (run progress, workspace changes). Inside Electron the preload exposes
 * `window.keyflowEvents.subscribe`; in the browser host they arrive as a server-sent event
 * stream on GET /events, read with fetch (EventSource can't send the session header) and
 * authenticated like the bridge.
 *
 * A dropped stream loses the events sent meanwhile: listeners that need a complete
 * picture (the run panel) also poll with a bridge call when events stop coming.
 */
import type { BridgeEvent } from '../../../shared/bridge/contract';
import { isEventName } from '../../../shared/bridge/names';
import { sessionHeaders } from './host-session';

export type BridgeEventListener = (event: BridgeEvent) => void;

/** What the preload exposes: a function taking a listener and returning the function that stops it. */
export interface PreloadEvents {
  subscribe(listener: BridgeEventListener): () => void;
}

declare global {
  interface Window {
    /** Present only inside Electron. */
    keyflowEvents?: PreloadEvents;
  }
}

/** A parsed `data:` line, when it has the shape of a BridgeEvent. */
export function parseEventData(data: unknown): BridgeEvent | null {
  if (typeof data !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { name, payload } = parsed as { name?: unknown; payload?: unknown };
  if (!isEventName(name)) return null;
  if (!payload || typeof payload !== 'object') return null;
  return { name, payload } as BridgeEvent;
}

function preloadSubscribe(): PreloadEvents['subscribe'] | null {
  if (typeof window === 'undefined') return null;
  if (typeof window.keyflowEvents?.subscribe === 'function') return (listener) => window.keyflowEvents!.subscribe(listener);
  // An earlier preload put `subscribe` next to the call functions on window.keyflow.
  const legacy = (window.keyflow as unknown as Partial<PreloadEvents> | undefined)?.subscribe;
  if (typeof legacy === 'function') return (listener) => legacy(listener);
  return null;
}

// One stream for the whole window, opened with the first listener and closed with the last.
const listeners = new Set<BridgeEventListener>();
let stream: AbortController | null = null;

const RECONNECT_MS = 1_000;

/** Each `data:` line of a server-sent event stream, as it arrives. */
async function readEvents(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length))
        .join('\n');
      if (data) onData(data);
    }
  }
}

function openSource(): void {
  if (stream || typeof fetch === 'undefined') return;
  const controller = new AbortController();
  stream = controller;
  const connect = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/events', { headers: sessionHeaders(), credentials: 'same-origin', signal: controller.signal });
        if (response.ok && response.body) {
          await readEvents(response.body, (data) => {
            const event = parseEventData(data);
            if (event) for (const listener of [...listeners]) listener(event);
          });
        }
      } catch {
        // Dropped or refused: try again; what was missed meanwhile is fetched by the listeners' fallbacks.
      }
      if (!controller.signal.aborted) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  };
  void connect();
}

function closeSource(): void {
  stream?.abort();
  stream = null;
}

/** Calls `listener` with every event main pushes; returns the function that stops it. */
export function subscribe(listener: BridgeEventListener): () => void {
  const preload = preloadSubscribe();
  if (preload) return preload(listener);
  listeners.add(listener);
  openSource();
  let active = true;
  return () => {
    if (!active) return;
    active = false;
    listeners.delete(listener);
    if (listeners.size === 0) closeSource();
  };
}
