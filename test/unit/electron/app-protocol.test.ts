import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAppFile, serveAppRequest } from '../../../electron/main/app-protocol';
import { mimeTypeFor } from '../../../electron/core/security/renderer-files';
import { SECURITY_HEADERS } from '../../../electron/core/security/csp';

// A real directory laid out like dist/: the renderer, and a secret file beside it.
let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'keyflow-app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Keyflow</title><script type="module" src="./assets/index.js"></script>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log("keyflow")');
  writeFileSync(join(root, 'assets', 'index.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(root, 'assets', 'data.bin'), Buffer.from([1, 2, 3]));
  writeFileSync(join(base, 'secret.txt'), 'TOP-SECRET');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'EVIL');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest(root, new Request(url, { method }));

describe('serving app://keyflow', () => {
  it('serves index.html for / and by name, with the security headers', async () => {
    for (const url of ['app://keyflow/', 'app://keyflow/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Keyflow</title>');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    }
  });

  it.each([
    ['app://keyflow/assets/index.js', 'text/javascript; charset=utf-8', 'console.log("keyflow")'],
    ['app://keyflow/assets/index.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://keyflow/assets/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['app://keyflow/assets/font.woff2', 'font/woff2', 'wOF2'],
    ['app://keyflow/assets/data.bin', 'application/octet-stream', '\u0001\u0002\u0003'],
    ['app://keyflow/assets/index.js?v=1#x', 'text/javascript; charset=utf-8', 'console.log("keyflow")'],
    ['app://keyflow/assets/%69ndex.js', 'text/javascript; charset=utf-8', 'console.log("keyflow")'],
  ])('%s → %s', async (url, type, body) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(body);
  });

  it.each([
    'app://keyflow/../secret.txt',
    'app://keyflow/%2e%2e/secret.txt',
    'app://keyflow/%2E%2E%2Fsecret.txt',
    'app://keyflow/assets/..%2f..%2fsecret.txt',
    'app://keyflow/..%5csecret.txt',
    'app://keyflow/assets%5c..%5c..%5csecret.txt',
    'app://keyflow/%2e%2e/renderer-evil/x.js',
    'app://keyflow/..%2frenderer-evil/x.js',
    'app://keyflow//etc/passwd',
    'app://keyflow/%2fetc%2fpasswd',
    'app://keyflow/C:%5cWindows%5cwin.ini',
    'app://keyflow/index.html%00.js',
    'app://keyflow/%E0%A4%A',
    'app://keyflow/assets',
    'app://keyflow/assets/',
    'app://keyflow/missing.js',
    'app://keyflow.evil/index.html',
    'app://evil/index.html',
    'app://keyflow:81/index.html',
  ])('refuses %s with a 404 that still carries the CSP', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain('TOP-SECRET');
    expect(body).not.toContain('EVIL');
    expect(body).not.toContain('root:');
    expect(response.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://keyflow/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await get('app://keyflow/index.html', method);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(response.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    }
  });
});

describe('resolveAppFile', () => {
  it('maps app URLs inside the root only', () => {
    expect(resolveAppFile(root, 'app://keyflow/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://keyflow/assets/index.js')).toBe(join(root, 'assets', 'index.js'));
    expect(resolveAppFile(root, 'app://keyflow/a/./b.js')).toBe(join(root, 'a', 'b.js'));
    // The URL parser folds %2e%2e segments itself: the result stays inside the root.
    expect(resolveAppFile(root, 'app://keyflow/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
    // Dots that only become a segment once %2f is decoded are refused.
    expect(resolveAppFile(root, 'app://keyflow/..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://keyflow/a%2f..%2f..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://keyflow/..%5csecret.txt')).toBeNull();
    // Credentials in the URL (a Request can't even carry them; Chromium could).
    expect(resolveAppFile(root, 'app://keyflow@evil/index.html')).toBeNull();
    expect(resolveAppFile(root, 'app://u:p@keyflow/index.html')).toBeNull();
    expect(resolveAppFile(root, 'https://keyflow/index.html')).toBeNull();
    expect(resolveAppFile(root, 'not a url')).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it('knows the renderer build outputs, case-insensitively, and falls back to octet-stream', () => {
    expect(mimeTypeFor('a.HTML')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.png')).toBe('image/png');
    expect(mimeTypeFor('a.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('Makefile')).toBe('application/octet-stream');
  });
});
