import { BridgeError } from '../../../shared/bridge/errors';
import { SourceError } from './source-error';

/** Runs a source operation for a bridge call: a SourceError becomes a clear `invalid_request` (provider and reason, never a value). */
export async function asBridgeError<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof SourceError) throw new BridgeError('invalid_request', `${error.message}`, 'source');
    throw error;
  }
}
