/**
 * The browser host's HTTP server, loopback only: serves the built renderer under the
 * app's CSP and carries the bridge as POST /bridge/<call>.
 *
 * Who may call: see host-session.ts (a one-time launch secret traded for a two-part
 * session). Every bridge request must also carry an Origin equal to the host's own and a
 * Host header naming the loopback address (which defeats DNS rebinding). A malformed
 * request gets 400; failures are logged by kind only, never with a stack, and rate-limited.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS } from '../core/security/csp';
import { mimeTypeFor, resolveRendererFile } from '../core/security/renderer-files';
import type { Dispatch } from '../core/bridge/dispatcher';
import type { Logger } from '../core/logger';
import type { BridgeResponse } from '../../shared/bridge/errors';
import type { BridgeEvent } from '../../shared/bridge/contract';
import { MAX_IMPORT_BYTES } from '../../shared/model/imports';
import { HostSessions, SESSION_HEADER, SESSION_SCRIPT } from './host-session';

const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;
// An import carries its file: up to MAX_IMPORT_BYTES of text, which JSON escaping can at most double.
const MAX_IMPORT_BODY_BYTES = 2 * MAX_IMPORT_BYTES + 64 * 1024;
const MAX_FORM_BYTES = 4096;

function bodyLimitOf(call: string): number {
  return call.startsWith('imports.') ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
}

export interface HostServer {
  /** The launch page's file:// address: opening it signs one browser window in. It holds no secret itself. */
  launchUrl: string;
  origin: string;
  close(): Promise<void>;
}

/** A request that is not well-formed HTTP for this server: answered 400, not logged as a failure. */
class MalformedRequest extends Error {}

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
  // Encoded once: given a string, Node walks it once for Content-Length and again to encode it (a 10,000-key list is megabytes).
  send(response, status, Buffer.from(JSON.stringify(envelope)), 'application/json; charset=utf-8');
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

function decodedPath(raw: string | undefined): URL {
  try {
    const url = new URL(raw ?? '/', 'http://host.invalid');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    throw new MalformedRequest();
  }
}

export async function startHostServer(options: {
  dispatch: Dispatch;
  /** Main-to-renderer events, carried to the page as server-sent events on GET /events. */
  subscribe: (listener: (event: BridgeEvent) => void) => () => void;
  rendererDir: string;
  /** Where the launch page is written (in the user-data folder). */
  launchFile: string;
  port: number;
  logger: Logger;
}): Promise<HostServer> {
  let origin = '';
  let hostHeader = '';
  // Made once the port is known (the cookie is named after it).
  let sessions = null as unknown as HostSessions;

  const signedIn = (request: IncomingMessage) => {
    const header = request.headers[SESSION_HEADER];
    return sessions.holds(cookieValue(request, sessions.cookieName), typeof header === 'string' ? header : undefined);
  };

  async function serveBridge(request: IncomingMessage, response: ServerResponse, call: string): Promise<void> {
    if (request.headers.host !== hostHeader) return refuse(response, 403, 'Wrong Host header.');
    if (request.headers.origin !== origin) return refuse(response, 403, 'Requests must come from the Keyflow page itself.');
    if (!signedIn(request)) return refuse(response, 401, 'Missing or wrong session.');
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      return sendEnvelope(response, 415, { ok: false, error: { code: 'invalid_request', message: 'Bridge requests must be JSON.' } });
    }
    const limit = bodyLimitOf(call);
    const body = await readBody(request, limit);
    if (body === null) {
      return sendEnvelope(response, 413, { ok: false, error: { code: 'invalid_request', message: `The request is larger than ${(limit / (1024 * 1024)) | 0} MiB.` } });
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

  /** GET /events: same session and Host checks as the bridge. */
  function serveEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.headers.host !== hostHeader) return refuse(response, 403, 'Wrong Host header.');
    if (!signedIn(request)) return refuse(response, 401, 'Missing or wrong session.');
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

  /** POST /session: the launch page trades the one-time launch secret for a session. */
  async function serveSession(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== hostHeader) return send(response, 403, 'Wrong Host header.', 'text/plain');
    const form = await readBody(request, MAX_FORM_BYTES);
    const offered = form === null ? null : new URLSearchParams(form).get('launch');
    const session = offered ? sessions.open(offered) : null;
    if (!session) {
      return send(response, 403, 'This launch page was already used or is not for the running Keyflow. Open the one Keyflow printed at start again.', 'text/plain; charset=utf-8');
    }
    send(response, 200, sessions.sessionPage(session.header), 'text/html; charset=utf-8', { 'Set-Cookie': sessions.setCookie(session.cookie) });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = decodedPath(request.url);
    if (url.pathname.startsWith('/bridge/')) {
      if (request.method !== 'POST') return send(response, 405, 'Method not allowed', 'text/plain', { Allow: 'POST' });
      return serveBridge(request, response, decodeURIComponent(url.pathname.slice('/bridge/'.length)));
    }
    if (url.pathname === '/session' && request.method === 'POST') return serveSession(request, response);
    if (url.pathname === '/events' && request.method === 'GET') return serveEvents(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed', 'text/plain', { Allow: 'GET' });
    if (request.headers.host !== hostHeader) return send(response, 403, 'Wrong Host header.', 'text/plain');
    if (url.pathname === '/session.js') return send(response, 200, SESSION_SCRIPT, 'text/javascript; charset=utf-8');
    return serveStatic(response, url.pathname);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof MalformedRequest) {
        if (!response.headersSent) send(response, 400, 'Bad request', 'text/plain');
        return;
      }
      // By kind only: a stack (or a message) helps no one here and a flood of them would fill the disk.
      options.logger.error(`host: ${request.method ?? '?'} request failed (${error instanceof Error ? error.name : typeof error})`);
      if (!response.headersSent) send(response, 500, 'Internal error', 'text/plain');
      else response.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hostHeader = `${LOOPBACK}:${port}`;
  origin = `http://${hostHeader}`;
  sessions = new HostSessions(origin, port, options.launchFile);
  sessions.writeLaunchPage();
  return {
    launchUrl: sessions.launchUrl,
    origin,
    close: () =>
      new Promise((resolve) => {
        sessions.removeLaunchPage();
        server.close(() => resolve());
        server.closeAllConnections(); // event streams stay open otherwise
      }),
  };
}
