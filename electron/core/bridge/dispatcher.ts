/**
 * The main-side half of the bridge: looks a call up in the contract, validates its
 * payload, runs its handler and returns the typed envelope every transport carries.
 * Transports (Electron IPC, the browser host's HTTP) check the sender before calling in.
 */
import type { z } from 'zod';
import { bridgeContract, isCallName, type CallName, type CallResult, type ParsedArgs } from '../../../shared/bridge/contract';
import { BridgeError, type BridgeResponse } from '../../../shared/bridge/errors';
import type { Logger } from '../logger';
import type { Tripwire } from './tripwire';

export type BridgeHandlers = {
  [N in CallName]: (args: ParsedArgs<N>) => CallResult<N> | Promise<CallResult<N>>;
};

export type Dispatch = (name: unknown, args: unknown) => Promise<BridgeResponse<unknown>>;

function describeIssue(issue: z.core.$ZodIssue): BridgeError {
  const field = issue.path.map(String).join('.') || undefined;
  const where = field ? `"${field}"` : 'The request';
  const message =
    issue.code === 'unrecognized_keys'
      ? `${where} has unexpected fields: ${issue.keys.join(', ')}.`
      : `${where} ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}.`;
  return new BridgeError('invalid_request', message, field);
}

export function createDispatcher(handlers: BridgeHandlers, options: { logger: Logger; tripwire?: Tripwire }): Dispatch {
  const { logger, tripwire } = options;
  return async (name, args) => {
    const response = await run(name, args);
    if (tripwire) tripwire.check(String(name), response);
    return response;
  };

  async function run(name: unknown, args: unknown): Promise<BridgeResponse<unknown>> {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'unknown_call', message: `There is no bridge call named ${JSON.stringify(String(name).slice(0, 80))}.` } };
    }
    const parsed = bridgeContract[name].args.safeParse(args ?? {});
    if (!parsed.success) {
      const error = describeIssue(parsed.error.issues[0]!);
      logger.info(`bridge ${name}: rejected (${error.code}${error.field ? ` on ${error.field}` : ''})`);
      return { ok: false, error: error.toBody() };
    }
    const started = performance.now();
    try {
      const handler = handlers[name] as (a: unknown) => unknown;
      const result = await handler(parsed.data);
      logger.debug(`bridge ${name}: ok in ${(performance.now() - started).toFixed(1)} ms`);
      return { ok: true, result };
    } catch (error) {
      if (error instanceof BridgeError) {
        logger.info(`bridge ${name}: ${error.code}${error.field ? ` on ${error.field}` : ''}`);
        return { ok: false, error: error.toBody() };
      }
      // Unexpected errors are logged by type and stack only: messages may quote user input.
      logger.error(`bridge ${name}: unexpected ${error instanceof Error ? error.name : typeof error}`, error);
      return { ok: false, error: { code: 'internal', message: 'Keyflow hit an unexpected error. Nothing was changed; see the log for details.' } };
    }
  }
}
