/**
 * Run Code's fetch against a real HTTP server on 127.0.0.1, through a host whose fetch is
 * the platform's own (undici), as the main process's would be.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeSandbox, type RunCodeHost } from '../../../electron/core/run-code/sandbox';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
const sandbox = createCodeSandbox({ poolSize: 1 });

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await bodyOf(request);
    seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
    response.writeHead(request.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-served-by': 'test' });
    response.end(JSON.stringify({ echoed: body ? JSON.parse(body) : null, path: request.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => server.close(resolve));
});

const host: RunCodeHost = {
  log: () => {},
  async fetch(request, { signal }) {
    const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  },
};

describe('Run Code fetch over real HTTP', () => {
  it('sends what the code asks for through the host and reads the response', async () => {
    const code = [
      'const res = await fetch(`${input.base}/orders`, {',
      '  method: "POST",',
      '  headers: { Authorization: "Bearer " + input.token, "Content-Type": "application/json" },',
      '  body: JSON.stringify({ sku: "A-1", qty: 2 }),',
      '});',
      'const missing = await fetch(`${input.base}/missing`);',
      'return { status: res.status, servedBy: res.headers.get("X-Served-By"), data: await res.json(), missing: missing.status };',
    ].join('\n');
    const result = await sandbox.run({ code, input: { base, token: 'tok_live_abc' } }, host);
    expect(result).toMatchObject({
      ok: true,
      output: { status: 200, servedBy: 'test', data: { echoed: { sku: 'A-1', qty: 2 }, path: '/orders' }, missing: 404 },
    });
    expect(seen).toEqual([
      { method: 'POST', url: '/orders', authorization: 'Bearer tok_live_abc', body: '{"sku":"A-1","qty":2}' },
      { method: 'GET', url: '/missing', authorization: undefined, body: '' },
    ]);
  });

  it('surfaces a network failure as a TypeError inside the code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const code = 'try { await fetch(input.url); return "reached"; } catch (e) { return e.name; }';
    expect(await sandbox.run({ code, input: { url: `http://127.0.0.1:${port}/` } }, host)).toMatchObject({ ok: true, output: 'TypeError' });
  });
});
