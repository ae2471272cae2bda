/**
 * The browser host's HTTP server, loopback only: serves the built renderer under the
 * app's CSP and carries the bridge as POST /bridge/<call>.
 *
 * Who may call: the per-launch token arrives once in the printed URL (?token=…) and is
 * traded for an HttpOnly, SameSite=Strict cookie. Every bridge request must carry that
 * cookie, an Origin equal to the host's own origin, and a Host header naming the
 * loopback address (which defeats DNS rebinding).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS } from '../core/security/csp';
import { mimeTypeFor, resolveRendererFile } from '../core/security/renderer-files';
import type { Dispatch } from '../core/bridge/dispatcher';
import type { Logger } from '../core/logger';
import type { BridgeResponse } from '../../shared/bridge/errors';
import type { BridgeEvent } from '../../shared/bridge/contract';
import { MAX_IMPORT_BYTES } from '../../shared/model/imports';

const LOOPBACK = '127.0.0.1';
const SESSION_COOKIE = 'keyflow_session';
const MAX_BODY_BYTES = 1024 * 1024;
// An import carries its file: up to MAX_IMPORT_BYTES of text, which JSON escaping can at most double.
const MAX_IMPORT_BODY_BYTES = 2 * MAX_IMPORT_BYTES + 64 * 1024;

function bodyLimitOf(call: string): number {
  return call.startsWith('imports.') ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
}

export interface HostServer {
  /** The address to open: carries the launch token. */
  launchUrl: string;
  origin: string;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function send(response: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  response.end(body);
}

function sendEnvelope(response: ServerResponse, status: number, envelope: BridgeResponse<unknown>): void {
  send(response, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
}

function refuse(response: ServerResponse, status: number, message: string): void {
  sendEnvelope(response, status, { ok: false, error: { code: 'forbidden', message } });
}

async function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHostServer(options: {
  dispatch: Dispatch;
  /** Main-to-renderer events, carried to the page as server-sent events on GET /events. */
  subscribe: (listener: (event: BridgeEvent) => void) => () => void;
  rendererDir: string;
  port: number;
  logger: Logger;
}): Promise<HostServer> {
  const token = randomBytes(32).toString('base64url');
  let origin = '';
  let hostHeader = '';

  async function serveBridge(request: IncomingMessage, response: ServerResponse, call: string): Promise<void> {
    if (request.headers.host !== hostHeader) return refuse(response, 403, 'Wrong Host header.');
    if (request.headers.origin !== origin) return refuse(response, 403, 'Requests must come from the Keyflow page itself.');
    const session = cookieValue(request, SESSION_COOKIE);
    if (!session || !sameSecret(session, token)) return refuse(response, 401, 'Missing or wrong session token.');
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      return sendEnvelope(response, 415, { ok: false, error: { code: 'invalid_request', message: 'Bridge requests must be JSON.' } });
    }
    const limit = bodyLimitOf(call);
    const body = await readBody(request, limit);
    if (body === null) {
      return sendEnvelope(response, 413, { ok: false, error: { code: 'invalid_request', message: `The request is larger than ${limit / (1024 * 1024) | 0} MiB.` } });
    }
    let args: unknown;
    try {
      args = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendEnvelope(response, 400, { ok: false, error: { code: 'invalid_request', message: 'The request body is not valid JSON.' } });
    }
    const envelope = await options.dispatch(call, args);
    sendEnvelope(response, 200, envelope);
  }

  /** GET /events: same session cookie and Host checks as the bridge (EventSource sends no Origin same-origin). */
  function serveEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.headers.host !== hostHeader) return refuse(response, 403, 'Wrong Host header.');
    const session = cookieValue(request, SESSION_COOKIE);
    if (!session || !sameSecret(session, token)) return refuse(response, 401, 'Missing or wrong session token.');
    const claimed = request.headers.origin;
    if (claimed !== undefined && claimed !== origin) return refuse(response, 403, 'Requests must come from the Keyflow page itself.');
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    const unsubscribe = options.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  async function serveStatic(response: ServerResponse, pathname: string): Promise<void> {
    const file = resolveRendererFile(options.rendererDir, pathname);
    try {
      if (file === null) throw new Error('outside the renderer');
      send(response, 200, await readFile(file), mimeTypeFor(file));
    } catch {
      send(response, 404, 'Not found', 'text/plain');
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/bridge/')) {
      if (request.method !== 'POST') return send(response, 405, 'Method not allowed', 'text/plain', { Allow: 'POST' });
      return serveBridge(request, response, decodeURIComponent(url.pathname.slice('/bridge/'.length)));
    }
    if (url.pathname === '/events' && request.method === 'GET') return serveEvents(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed', 'text/plain', { Allow: 'GET' });
    if (request.headers.host !== hostHeader) return send(response, 403, 'Wrong Host header.', 'text/plain');
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!sameSecret(offered, token)) return send(response, 403, 'This link is not valid for the running Keyflow. Use the address it printed at start.', 'text/plain');
      // Trade the token for a cookie and drop it from the address bar.
      return send(response, 303, '', 'text/plain', {
        Location: '/',
        'Set-Cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    return serveStatic(response, url.pathname);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.error('host: request failed', error);
      if (!response.headersSent) send(response, 500, 'Internal error', 'text/plain');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hostHeader = `${LOOPBACK}:${port}`;
  origin = `http://${hostHeader}`;
  return {
    launchUrl: `${origin}/?token=${token}`,
    origin,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // event streams stay open otherwise
      }),
  };
}
