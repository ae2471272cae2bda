import { BridgeError } from '../../../shared/bridge/errors';

/**
 * Any failed bridge call as a BridgeError. Calls reject with one when main answers with
 * an error; anything else (the transport itself failing) becomes an 'internal' error.
 */
export function asBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  return new BridgeError('internal', 'Keyflow could not reach its main process. Try again; if it keeps failing, restart Keyflow.');
}
