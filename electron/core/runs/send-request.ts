/**
 * Sends a prepared request with undici, following up to 5 redirects by hand. Every hop is
 * held to the allowed domains of the secrets it still carries. A redirect leaving the
 * original origin never carries Authorization, cookies or any header or body that carries a
 * secret. The response body is decoded by its charset, redacted as it streams in and cut
 * after redacting; header names and values are redacted too.
 */
import { request, type Dispatcher } from 'undici';
import { MAX_REDIRECTS, RESPONSE_BODY_CAP_BYTES, type HeaderList, type StepResult } from '../../../shared/model/run';
import type { PreparedRequest } from './prepared-request';
import type { RunRedactor } from './run-redactor';
import { StepError } from './run-error';
import { readResponseBody } from './response-body';
import { carriedByRequest, NO_SECRETS, originOf, unionOf, type SecretIds } from './secret-flow';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALWAYS_DROPPED_CROSS_ORIGIN = ['authorization', 'proxy-authorization', 'cookie'];

/** Response bytes one run keeps in all (each body at most RESPONSE_BODY_CAP_BYTES): a run's memory stays bounded. */
export const RUN_RESPONSE_BUDGET_BYTES = 64 * 1024 * 1024;

/** Response bytes a run may still keep, shared by all its steps and fetches. */
export class ResponseBudget {
  constructor(private remaining = RUN_RESPONSE_BUDGET_BYTES) {}

  /** Reserves room for one body (at most the per-body cap); give back what it didn't use. */
  reserve(): number {
    const taken = Math.min(RESPONSE_BODY_CAP_BYTES, this.remaining);
    if (taken <= 0) {
      throw new StepError(`This run has already received ${RUN_RESPONSE_BUDGET_BYTES / 1024 / 1024} MiB of responses, the most one run keeps. Nothing more was sent.`);
    }
    this.remaining -= taken;
    return taken;
  }

  giveBack(bytes: number): void {
    this.remaining += bytes;
  }
}

export interface SendOptions {
  signal: AbortSignal;
  redactor: RunRedactor;
  budget: ResponseBudget;
  /** Throws a StepError when `url` may not receive the secrets in `carried` (checked before every hop). */
  admit(url: URL, carried: SecretIds): void;
  dispatcher?: Dispatcher;
}

type Response = NonNullable<StepResult['response']>;

function flattenHeaders(headers: Record<string, string | string[] | undefined>): HeaderList {
  return Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v])));
}

/** What the request still carries as it is sent to this hop. */
function carriedNow(headers: HeaderList, body: string | undefined, url: SecretIds, prepared: PreparedRequest): SecretIds {
  const { carried } = prepared;
  return unionOf([url, body === undefined ? NO_SECRETS : carried.body, ...headers.map(([name]) => carried.headers.get(name.toLowerCase()) ?? NO_SECRETS)]);
}

export async function sendRequest(prepared: PreparedRequest, options: SendOptions): Promise<Response> {
  const { redactor } = options;
  if (carriedByRequest(prepared.carried).size > 0 && prepared.headers.some(([name]) => name.trim().toLowerCase() === 'host')) {
    throw new StepError(
      'A request that carries a secret key can’t set its own Host header: the key could reach another site behind the same address. Remove the Host header. Nothing was sent.',
    );
  }
  const redirects: string[] = [];
  let { method, url, headers, body } = prepared;
  let urlCarries = prepared.carried.url;
  // One controller for the run's cancellation and the deadline (cheaper than AbortSignal.any with AbortSignal.timeout).
  const controller = new AbortController();
  const abort = () => controller.abort();
  const deadline = setTimeout(abort, prepared.timeoutMs);
  options.signal.addEventListener('abort', abort, { once: true });
  if (options.signal.aborted) abort();
  try {
    return await follow();
  } finally {
    clearTimeout(deadline);
    options.signal.removeEventListener('abort', abort);
  }

  async function follow(): Promise<Response> {
    const { signal } = controller;
    for (;;) {
      options.admit(url, carriedNow(headers, body, urlCarries, prepared));
      const room = options.budget.reserve();
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers: headers.flat(),
          body,
          signal,
          dispatcher: options.dispatcher,
        });
      } catch (error) {
        options.budget.giveBack(room);
        if (options.signal.aborted) throw new StepError('The run was cancelled.');
        if (signal.aborted) throw new StepError(`The request to ${url.host} timed out after ${prepared.timeoutMs} ms.`);
        const reason = error instanceof Error ? error.message : String(error);
        throw new StepError(redactor.redact(`The request to ${url.host} failed: ${reason}`));
      }

      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
        options.budget.giveBack(room);
        await response.body.dump();
        if (redirects.length >= MAX_REDIRECTS) throw new StepError(`Stopped after ${MAX_REDIRECTS} redirects (last: ${redactor.redact(location)}).`);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new StepError(`The server redirected to an address that is not a URL (${redactor.redact(location)}).`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new StepError(`Refused a redirect to a ${next.protocol} URL.`);
        if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers = headers.filter(([name]) => !/^content-(type|length)$/i.test(name));
        }
        if (next.origin !== url.origin) {
          if (body !== undefined && prepared.carried.body.size > 0) {
            throw new StepError(`Refused to resend a body that carries a secret to another origin (${originOf(next)}) on a redirect.`);
          }
          headers = headers.filter(([name]) => {
            const lower = name.toLowerCase();
            return !ALWAYS_DROPPED_CROSS_ORIGIN.includes(lower) && (prepared.carried.headers.get(lower)?.size ?? 0) === 0;
          });
        }
        // The server wrote the new address: it carries nothing of ours.
        urlCarries = NO_SECRETS;
        redirects.push(redactor.redact(next.toString()));
        url = next;
        continue;
      }

      const contentType = response.headers['content-type'];
      let kept;
      try {
        kept = await readResponseBody(response.body as AsyncIterable<Buffer>, typeof contentType === 'string' ? contentType : undefined, room, redactor);
      } finally {
        options.budget.giveBack(room - (kept?.bytes ?? 0));
      }
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers).map(([name, value]) => [redactor.redact(name), redactor.redact(value)]),
        redirects,
        ...kept,
      };
    }
  }
}
