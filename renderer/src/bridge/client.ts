import { CALL_NAMES, type BridgeApi, type CallName } from '../../../shared/bridge/contract';
import { BridgeError } from '../../../shared/bridge/errors';
import { defaultTransport, type Transport } from './transport';
import { UNREACHABLE } from './failure';

/**
 * The typed bridge: one async function per call. The renderer's one error boundary: a call
 * rejects only with a BridgeError — main's, or 'internal' when the transport itself failed.
 */
export function createBridgeClient(transport: Transport = defaultTransport()): BridgeApi {
  const entries = CALL_NAMES.map((name: CallName) => [
    name,
    async (args: unknown) => {
      let response;
      try {
        response = await transport(name, args);
      } catch {
        throw new BridgeError('internal', UNREACHABLE);
      }
      if (!response.ok) throw new BridgeError(response.error.code, response.error.message, response.error.field);
      return response.result;
    },
  ]);
  return Object.fromEntries(entries) as BridgeApi;
}
