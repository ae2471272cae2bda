/**
 * A real HTTP server on 127.0.0.1 for run tests. It records every request it receives
 * and answers according to the path:
 *   /echo?as=<encoding>   echoes the Authorization header's token (or ?v=, or the body) back,
 *                         encoded as raw | base64 | base64url | url | json | html | hex,
 *                         optionally chunked (&chunk=N bytes per write) and padded to &size=N bytes
 *   /header-echo          puts the received Authorization in a response header
 *   /stash/N              answers what `stash` put there: exact bytes and Content-Type (the
 *                         payload stays out of the workflow, where the tripwire would see it)
 *   /redirect?to=URL      answers 302 (or &status=) to URL
 *   /status/N             answers with status N
 *   /slow?ms=N            answers after N ms
 *   anything else         200 {"ok":true}
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface EchoServer {
  url: string;
  received: ReceivedRequest[];
  /** The most requests it has had in flight at once. */
  maxInFlight(): number;
  /** Makes the server answer these bytes with this Content-Type (and extra headers); returns the URL that does. */
  stash(body: Buffer | string, type: string, headers?: Record<string, string>): string;
  close(): Promise<void>;
}

function encode(value: string, as: string | null): string {
  const bytes = Buffer.from(value, 'utf8');
  switch (as) {
    case 'base64':
      return bytes.toString('base64');
    case 'base64url':
      return bytes.toString('base64url');
    case 'url':
      return encodeURIComponent(value);
    case 'json':
      return JSON.stringify({ token: value });
    case 'html':
      return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    case 'hex':
      return bytes.toString('hex');
    default:
      return value;
  }
}

export async function startEchoServer(): Promise<EchoServer> {
  const received: ReceivedRequest[] = [];
  const stashed: { body: Buffer; type: string; headers: Record<string, string> }[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const server: Server = createServer(async (request, response) => {
    mostInFlight = Math.max(mostInFlight, ++inFlight);
    response.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const token = (request.headers.authorization ?? '').replace(/^(Bearer|Basic) /, '') || url.searchParams.get('v') || body;

    if (url.pathname === '/echo') {
      const size = Number(url.searchParams.get('size') ?? 0);
      const encoded = encode(token, url.searchParams.get('as'));
      const padding = Math.max(0, size - encoded.length);
      const text = 'x'.repeat(Math.floor(padding / 2)) + encoded + 'x'.repeat(Math.ceil(padding / 2));
      const chunk = Number(url.searchParams.get('chunk') ?? 0);
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      if (chunk > 0) {
        for (let at = 0; at < text.length; at += chunk) {
          response.write(text.slice(at, at + chunk));
          await new Promise((resolve) => setImmediate(resolve));
        }
        response.end();
      } else response.end(text);
      return;
    }
    if (url.pathname === '/header-echo') {
      response.writeHead(200, { 'X-Echo': request.headers.authorization ?? '', 'Content-Type': 'application/json' });
      response.end('{"ok":true}');
      return;
    }
    const stash = /^\/stash\/(\d+)$/.exec(url.pathname);
    if (stash && stashed[Number(stash[1])]) {
      const { body: payload, type, headers } = stashed[Number(stash[1])]!;
      response.writeHead(200, { ...headers, 'Content-Type': type });
      response.end(payload);
      return;
    }
    if (url.pathname === '/redirect') {
      response.writeHead(Number(url.searchParams.get('status') ?? 302), { Location: url.searchParams.get('to') ?? '/' });
      response.end();
      return;
    }
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    if (status) {
      response.writeHead(Number(status[1]), { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ status: Number(status[1]) }));
      return;
    }
    if (url.pathname === '/slow') await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('ms') ?? 1000)));
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ ok: true, path: url.pathname }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    maxInFlight: () => mostInFlight,
    stash(payload, type, headers = {}) {
      stashed.push({ body: Buffer.from(payload), type, headers });
      return `http://127.0.0.1:${port}/stash/${stashed.length - 1}`;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
