/**
 * The Electron IPC transport's gate in front of the core's dispatcher. The dispatcher
 * validates payloads; this validates the sender: only the main frame of a page of the
 * app's own origin may call in (VS Code's validatedIpcMain is the model).
 *
 * Written against minimal local shapes of Electron's IpcMainInvokeEvent so it runs, and
 * is tested, under plain Node; electron/main/ipc.ts passes the real events.
 */
import type { BridgeEvent, CallName } from '../../shared/bridge/contract';
import type { BridgeResponse } from '../../shared/bridge/errors';
import type { Dispatch } from '../core/bridge/dispatcher';
import type { Logger } from '../core/logger';
import { BRIDGE_EVENT_CHANNEL } from '../../shared/bridge/ipc-channels';
import { isTrustedSender } from './window-policy';

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: SenderFrameLike | null;
}

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  /** Null when the frame has navigated away or been destroyed since it sent the message. */
  readonly senderFrame: SenderFrameLike | null;
  readonly sender: { readonly mainFrame: SenderFrameLike };
}

export const UNTRUSTED_SENDER_RESPONSE: BridgeResponse<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'forbidden', message: 'This request did not come from the Keyflow window, so it was refused.' }),
}) as BridgeResponse<never>;

const INTERNAL_RESPONSE: BridgeResponse<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ code: 'internal', message: 'Keyflow hit an unexpected error. Nothing was changed; see the log for details.' }),
}) as BridgeResponse<never>;

/** True when the event comes from the main frame of a page of the app's origin. */
export function isInvokeFromTrustedSender(event: InvokeEventLike): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame) return false;
    // Both tests: the frame is its page's top frame, and it is this WebContents' main frame
    // (Electron keeps one WebFrameMain object per frame, so identity is meaningful).
    const isMainFrame = frame.parent === null && frame === event.sender.mainFrame;
    return isTrustedSender(frame.url, isMainFrame);
  } catch {
    // A destroyed WebContents or frame throws on access: treat it as untrusted.
    return false;
  }
}

/**
 * The `ipcMain.handle` listener for one call. It never throws (a rejected invoke would
 * carry an Error's message to the renderer); every outcome is a BridgeResponse envelope.
 */
export function createInvokeHandler(name: CallName, dispatch: Dispatch, logger: Logger): (event: InvokeEventLike, args: unknown) => Promise<BridgeResponse<unknown>> {
  return async (event, args) => {
    if (!isInvokeFromTrustedSender(event)) {
      logger.info(`bridge ${name}: refused a message from an untrusted sender`);
      return UNTRUSTED_SENDER_RESPONSE;
    }
    try {
      return await dispatch(name, args);
    } catch (error) {
      // The dispatcher answers every handler error itself; reaching here means the
      // development tripwire fired (or something equally wrong). Log it loudly, say nothing.
      logger.error(`bridge ${name}: dispatch failed (${error instanceof Error ? error.name : typeof error})`, error);
      return INTERNAL_RESPONSE;
    }
  };
}

/** The parts of Electron's WebContents the event forwarder uses. */
export interface EventTargetLike {
  isDestroyed(): boolean;
  readonly mainFrame: { readonly url: string };
  send(channel: string, ...args: unknown[]): void;
}

/**
 * A core event listener that pushes each event to the window's page, but only while that
 * page is the app's own (a window that somehow left app://keyflow gets nothing).
 */
export function createEventForwarder(target: () => EventTargetLike | null | undefined, logger: Logger): (event: BridgeEvent) => void {
  return (event) => {
    try {
      const contents = target();
      if (!contents || contents.isDestroyed()) return;
      if (!isTrustedSender(contents.mainFrame.url, true)) {
        logger.info(`bridge event ${event.name}: not sent, the window is not showing the app`);
        return;
      }
      contents.send(BRIDGE_EVENT_CHANNEL, { name: event.name, payload: event.payload });
    } catch (error) {
      logger.error(`bridge event ${event.name}: could not be sent`, error);
    }
  };
}
