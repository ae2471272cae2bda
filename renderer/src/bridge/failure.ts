import { BridgeError } from '../../../shared/bridge/errors';

/**
 * Any failed bridge call as a BridgeError. Calls reject with one when main answers with
 * an error; anything else (the transport itself failing) becomes an 'internal' error.
 */
export function asBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  return new BridgeError('internal', 'Keyflow could not reach its main process. Try again; if it keeps failing, restart Keyflow.');
}

/** Makes a bridge call that rejects only with a BridgeError. */
export async function bridgeCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asBridgeError(error);
  }
}
