/**
 * Events main pushes to this window (run progress, workspace changes). Inside Electron the preload exposes
 * `window.keyflowEvents.subscribe`; in the browser host they arrive as server-sent events
 * on GET /events, authenticated by the same session cookie as the bridge.
 *
 * A dropped stream loses the events sent meanwhile: listeners that need a complete
 * picture (the run panel) also poll with a bridge call when events stop coming.
 */
import type { BridgeEvent } from '../../../shared/bridge/contract';
import { isEventName } from '../../../shared/bridge/names';

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

// One EventSource for the whole window, opened with the first listener and closed with the last.
const listeners = new Set<BridgeEventListener>();
let source: EventSource | null = null;

function openSource(): void {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/events', { withCredentials: true });
  source.onmessage = (message: MessageEvent) => {
    const event = parseEventData(message.data);
    if (!event) return;
    for (const listener of [...listeners]) listener(event);
  };
  // EventSource reconnects by itself after a drop; what was missed meanwhile is fetched by the listeners' fallbacks.
}

function closeSource(): void {
  source?.close();
  source = null;
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
