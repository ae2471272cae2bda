import type { CallName } from '../../../shared/bridge/contract';
import type { BridgeResponse } from '../../../shared/bridge/errors';
import { sessionHeaders, SIGNED_OUT_MESSAGE } from './host-session';

/** Carries one call to main and brings back its envelope. */
export type Transport = (name: CallName, args: unknown) => Promise<BridgeResponse<unknown>>;

type PreloadApi = Record<CallName, (args: unknown) => Promise<BridgeResponse<unknown>>>;

declare global {
  interface Window {
    /** Present only inside Electron: one function per bridge call, exposed by the preload. */
    keyflow?: PreloadApi;
  }
}

/** Inside Electron: the preload's functions. In the browser host: POST /bridge/<call>, with both halves of the session. */
export function defaultTransport(): Transport {
  const preload = window.keyflow;
  if (preload) return (name, args) => preload[name](args);
  return async (name, args) => {
    const response = await fetch(`/bridge/${encodeURIComponent(name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', ...sessionHeaders() },
      body: JSON.stringify(args ?? {}),
    });
    if (response.status === 401 || response.status === 403) {
      return { ok: false, error: { code: 'forbidden', message: SIGNED_OUT_MESSAGE } };
    }
    return (await response.json()) as BridgeResponse<unknown>;
  };
}
