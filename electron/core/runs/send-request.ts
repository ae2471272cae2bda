/**
 * Sends a prepared request with undici, following up to 5 redirects by hand so that a
 * redirect leaving the original origin never carries Authorization, cookies or any
 * header that held a secret. The response body is kept up to 5 MiB, decoded and
 * redacted as it streams in (a secret split across chunks is still masked).
 */
import { request, type Dispatcher } from 'undici';
import { MAX_REDIRECTS, RESPONSE_BODY_CAP_BYTES, type HeaderList, type StepResult } from '../../../shared/model/run';
import type { PreparedRequest } from './prepared-request';
import type { RunRedactor } from './run-redactor';
import { StepError } from './run-error';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALWAYS_DROPPED_CROSS_ORIGIN = ['authorization', 'proxy-authorization', 'cookie'];

export interface SendOptions {
  signal: AbortSignal;
  redactor: RunRedactor;
  dispatcher?: Dispatcher;
}

type Response = NonNullable<StepResult['response']>;

function flattenHeaders(headers: Record<string, string | string[] | undefined>): HeaderList {
  return Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]),
  );
}

async function readBody(body: Dispatcher.ResponseData['body'], redactor: RunRedactor): Promise<Pick<Response, 'body' | 'bytes' | 'truncated'>> {
  const decoder = new TextDecoder('utf-8');
  const stream = redactor.createStream();
  let text = '';
  let bytes = 0;
  let truncated = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = RESPONSE_BODY_CAP_BYTES - bytes;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    bytes += kept.length;
    text += stream.push(decoder.decode(kept, { stream: true }));
    if (chunk.length > room) {
      truncated = true;
      break; // leaving the loop closes the stream
    }
  }
  text += stream.push(decoder.decode());
  text += stream.flush();
  return { body: text, bytes, truncated };
}

export async function sendRequest(prepared: PreparedRequest, options: SendOptions): Promise<Response> {
  const { redactor } = options;
  const redirects: string[] = [];
  let { method, url, headers, body } = prepared;
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(prepared.timeoutMs)]);

  for (;;) {
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
      if (options.signal.aborted) throw new StepError('The run was cancelled.');
      if (signal.aborted) throw new StepError(`The request to ${url.host} timed out after ${prepared.timeoutMs} ms.`);
      const reason = error instanceof Error ? error.message : String(error);
      throw new StepError(redactor.redact(`The request to ${url.host} failed: ${reason}`));
    }

    const location = response.headers.location;
    if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
      await response.body.dump();
      if (redirects.length >= MAX_REDIRECTS) throw new StepError(`Stopped after ${MAX_REDIRECTS} redirects (last: ${redactor.redact(location)}).`);
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new StepError(`Refused a redirect to a ${next.protocol} URL.`);
      if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = headers.filter(([name]) => !/^content-(type|length)$/i.test(name));
      }
      if (next.origin !== url.origin) {
        if (body !== undefined && prepared.bodyCarriesSecret) {
          throw new StepError(`Refused to resend a body that holds a secret to another origin (${next.origin}) on a redirect.`);
        }
        headers = headers.filter(([name]) => {
          const lower = name.toLowerCase();
          return !ALWAYS_DROPPED_CROSS_ORIGIN.includes(lower) && !prepared.secretHeaders.has(lower);
        });
      }
      redirects.push(redactor.redact(next.toString()));
      url = next;
      continue;
    }

    const kept = await readBody(response.body, redactor);
    return {
      status: response.statusCode,
      headers: flattenHeaders(response.headers).map(([name, value]) => [name, redactor.redact(value)]),
      redirects,
      ...kept,
    };
  }
}
