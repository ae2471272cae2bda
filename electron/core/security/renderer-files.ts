/**
 * Which file of the built renderer a URL path names, and its MIME type: shared by the
 * Electron app:// protocol and the browser host, so both refuse the same paths.
 */
import { extname, isAbsolute, join, normalize, resolve, sep } from 'node:path';

/** The renderer's entry page, in both hosts. */
export const APP_ENTRY_PATH = '/index.html';

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
 * The file under `rootDir` that a URL path names, or null if it names none: a path that
 * escapes the root (`..`, encoded or not), an encoded separator or NUL, or a malformed
 * escape. `/` means the entry document.
 */
export function resolveRendererFile(rootDir: string, urlPath: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPath === '/' ? APP_ENTRY_PATH : urlPath);
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
