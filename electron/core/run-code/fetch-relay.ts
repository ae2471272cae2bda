import type { FetchReply } from './protocol';
import type { HostFetchRequest, RunCodeHost } from './types';

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');

/**
 * Checks a request coming out of the sandbox. The code can redefine anything in its realm,
 * the guest's own `fetch` included, so this is the check that counts: only a URL, a method,
 * string headers and a string body reach the host.
 */
export function parseGuestRequest(requestJson: string): HostFetchRequest {
  const value: unknown = JSON.parse(requestJson);
  if (typeof value !== 'object' || value === null) throw new TypeError('fetch: invalid request');
  const { url, method, headers, body } = value as Record<string, unknown>;
  if (typeof url !== 'string') throw new TypeError('fetch: the URL must be a string');
  if (method !== undefined && typeof method !== 'string') throw new TypeError('fetch: the method must be a string');
  if (headers !== undefined && !isStringRecord(headers)) throw new TypeError('fetch: header values must be strings');
  if (body !== undefined && typeof body !== 'string') throw new TypeError('fetch: the body must be a string');
  return { url, method, headers, body };
}

/** Hands a sandbox request to the host; never rejects — a failure becomes the guest's TypeError. */
export async function relayFetch(requestJson: string, host: RunCodeHost, signal: AbortSignal): Promise<FetchReply> {
  try {
    const response = await host.fetch(parseGuestRequest(requestJson), { signal });
    const { status, headers, body, json } = response;
    return { ok: true, responseJson: JSON.stringify(json === undefined ? { status, headers, body } : { status, headers, body, json }) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
