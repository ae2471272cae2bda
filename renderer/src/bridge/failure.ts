import { BridgeError } from '../../../shared/bridge/errors';

export const UNREACHABLE = 'Keyflow could not reach its main process. Try again; if it keeps failing, restart Keyflow.';

/**
 * A caught error as the BridgeError it is. The bridge client rejects only with
 * BridgeErrors (the one place a transport failure becomes one); anything else — a bug in
 * the renderer's own code — shows as 'internal'.
 */
export function asBridgeError(error: unknown): BridgeError {
  if (error instanceof BridgeError) return error;
  return new BridgeError('internal', UNREACHABLE);
}
