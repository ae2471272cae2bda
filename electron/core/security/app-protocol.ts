/**
 * Serves the built renderer for the `app://keyflow` protocol. Plain Node (WHATWG Request
 * and Response, fs): electron/main registers it with `protocol.handle('app', …)`.
 *
 * Only GET/HEAD of files under the renderer directory, of the app's own host; every
 * response, errors included, carries SECURITY_HEADERS (so the CSP applies to the page).
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './csp';
import { APP_ENTRY_PATH, APP_HOST, APP_SCHEME } from './window-policy';

export const MIME_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
});

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `rootDir` that an app:// URL names, or null if it names none: another
 * scheme or host, a path that escapes the root (`..`, encoded or not), an encoded
 * separator or NUL, or a malformed escape. `/` means the entry document.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname === '/' ? APP_ENTRY_PATH : url.pathname);
  } catch {
    return null;
  }
  // After decoding, a backslash, NUL or a drive/UNC prefix can only be an attack.
  if (/[\\\0]/.test(pathname) || pathname.includes(':')) return null;
  const segments = pathname.split('/').filter((segment) => segment.length > 0);
  if (segments.length === 0 || segments.some((segment) => segment === '.' || segment === '..')) return null;
  const root = resolve(rootDir);
  const file = normalize(join(root, ...segments));
  if (isAbsolute(file) && file.startsWith(root + sep)) return file;
  return null;
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
