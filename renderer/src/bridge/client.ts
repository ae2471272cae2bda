import { CALL_NAMES, type BridgeApi, type CallName } from '../../../shared/bridge/contract';
import { BridgeError } from '../../../shared/bridge/errors';
import { defaultTransport, type Transport } from './transport';

/** The typed bridge: one async function per call; a failed call rejects with a BridgeError. */
export function createBridgeClient(transport: Transport = defaultTransport()): BridgeApi {
  const entries = CALL_NAMES.map((name: CallName) => [
    name,
    async (args: unknown) => {
      const response = await transport(name, args);
      if (!response.ok) throw new BridgeError(response.error.code, response.error.message, response.error.field);
      return response.result;
    },
  ]);
  return Object.fromEntries(entries) as BridgeApi;
}
