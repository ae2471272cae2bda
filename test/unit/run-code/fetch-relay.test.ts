import { describe, expect, it } from 'vitest';
import { parseGuestRequest, relayFetch } from '../../../electron/core/run-code/fetch-relay';
import type { RunCodeHost } from '../../../electron/core/run-code/sandbox';

describe('what a sandbox fetch may hand the host', () => {
  it('passes a URL, method, string headers and a string body, and nothing else', () => {
    const json = JSON.stringify({ url: 'https://x.test/', method: 'PUT', headers: { A: 'b' }, body: 'q', dispatcher: 'x', agent: {} });
    expect(parseGuestRequest(json)).toStrictEqual({ url: 'https://x.test/', method: 'PUT', headers: { A: 'b' }, body: 'q' });
  });

  it.each([
    ['no URL', { method: 'GET' }, 'fetch: the URL must be a string'],
    ['a URL object', { url: { href: 'https://x.test/' } }, 'fetch: the URL must be a string'],
    ['a numeric method', { url: 'https://x.test/', method: 1 }, 'fetch: the method must be a string'],
    ['a header that is not a string', { url: 'https://x.test/', headers: { A: 1 } }, 'fetch: header values must be strings'],
    ['headers as an array', { url: 'https://x.test/', headers: [['A', 'b']] }, 'fetch: header values must be strings'],
    ['an object body', { url: 'https://x.test/', body: { a: 1 } }, 'fetch: the body must be a string'],
    ['not an object', 'https://x.test/', 'fetch: invalid request'],
  ])('refuses %s', (_what, request, message) => {
    expect(() => parseGuestRequest(JSON.stringify(request))).toThrow(new TypeError(message));
  });

  it('never reaches the host with a refused request, and reports why', async () => {
    let called = false;
    const host: RunCodeHost = {
      log: () => {},
      fetch: async () => {
        called = true;
        return { status: 200, headers: {}, body: '' };
      },
    };
    const reply = await relayFetch(JSON.stringify({ url: 'https://x.test/', body: 5 }), host, new AbortController().signal);
    expect(reply).toEqual({ ok: false, message: 'fetch: the body must be a string' });
    expect(called).toBe(false);
  });
});
