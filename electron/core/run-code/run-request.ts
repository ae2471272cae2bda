import type { RunMessage } from './protocol';
import { DEFAULT_MEMORY_LIMIT_BYTES, DEFAULT_TIMEOUT_MS, type RunCodeRequest } from './types';

const MiB = 1024 * 1024;
/** The QuickJS engine's own minimum linear memory. */
export const MIN_MEMORY_LIMIT_BYTES = 16 * MiB;
/** The most a 32-bit WebAssembly memory can hold. */
export const MAX_MEMORY_LIMIT_BYTES = 2048 * MiB;

/** Applies the defaults and checks a request; throws on a programming error. */
export function toRunMessage(request: RunCodeRequest): RunMessage {
  if (typeof request.code !== 'string') throw new TypeError('Run Code: code must be a string');
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('Run Code: timeoutMs must be a positive number');
  const memoryLimitBytes = request.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES;
  if (!(memoryLimitBytes >= MIN_MEMORY_LIMIT_BYTES && memoryLimitBytes <= MAX_MEMORY_LIMIT_BYTES)) {
    throw new RangeError(`Run Code: memoryLimitBytes must be between ${MIN_MEMORY_LIMIT_BYTES} and ${MAX_MEMORY_LIMIT_BYTES}`);
  }
  // JSON.stringify throws on a BigInt or a cycle: the input must be JSON.
  const inputJson = JSON.stringify(request.input) ?? 'null';
  const logLookahead = request.logLookahead ?? 0;
  if (!Number.isInteger(logLookahead) || logLookahead < 0) throw new RangeError('Run Code: logLookahead must be a whole number');
  return { type: 'run', code: request.code, inputJson, watched: request.watched ?? [], logLookahead, timeoutMs, memoryLimitBytes };
}
