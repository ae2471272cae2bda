/**
 * Serves the built renderer for the `app://keyflow` protocol. Plain Node (WHATWG Request
 * and Response, fs): electron/main registers it with `protocol.handle('app', …)`.
 *
 * Only GET/HEAD of files under the renderer directory, of the app's own host; every
 * response, errors included, carries SECURITY_HEADERS (so the CSP applies to the page).
 */
import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS } from '../core/security/csp';
import { APP_HOST, APP_SCHEME } from './window-policy';
import { mimeTypeFor, resolveRendererFile } from '../core/security/renderer-files';

/**
 * The file under `rootDir` that an app:// URL names, or null if it names none: another
 * scheme or host, or a path that renderer-files refuses.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null;
  return resolveRendererFile(rootDir, url.pathname);
}

function respond(status: number, body: BodyInit | null, contentType: string, method: string): Response {
  return new Response(method === 'HEAD' ? null : body, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-cache' },
  });
}

function notFound(method: string): Response {
  return respond(404, 'Not found', 'text/plain; charset=utf-8', method);
}

/** Answers one request of the app protocol from the files under `rootDir`. */
export async function serveAppRequest(rootDir: string, request: Request): Promise<Response> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    const response = respond(405, 'Method not allowed', 'text/plain; charset=utf-8', method);
    response.headers.set('Allow', 'GET, HEAD');
    return response;
  }
  const file = resolveAppFile(rootDir, request.url);
  if (file === null) return notFound(method);
  try {
    // readFile only (no realpath/stat): it is the fs call Electron's asar layer is sure to
    // support, and a directory fails here with EISDIR like a missing file.
    const content = await readFile(file);
    return respond(200, new Uint8Array(content), mimeTypeFor(file), method);
  } catch {
    return notFound(method);
  }
}
