/**
 * Bundles the shell's two entry points the way scripts/build.mjs does and checks what they
 * may load at run time. The preload runs sandboxed, where `require` knows only a handful of
 * modules, so its bundle may require 'electron' and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { serveAppRequest } from '../../../electron/main/app-protocol';
import { SECURITY_HEADERS } from '../../../electron/core/security/csp';
import { EXTERNAL, bashParserPlugin } from '../../../scripts/build-config.mjs';

const ROOT = join(__dirname, '..', '..', '..');

async function bundle(entry: string): Promise<string> {
  return (await bundleWithMeta(entry)).code;
}

/** The bundle, and every module it loads at run time as esbuild resolved them (not text that looks like a require: libraries quote `require("…")` in comments and in code they generate). */
async function bundleWithMeta(entry: string): Promise<{ code: string; loaded: string[] }> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    plugins: [bashParserPlugin],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const loaded = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((imported) => imported.external).map((imported) => imported.path));
  return { code: result.outputFiles[0]!.text, loaded: [...new Set(loaded)].sort() };
}

function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => match[1]!))].sort();
}

describe('the preload bundle', () => {
  it("requires only 'electron' (the sandbox allows nothing else worth having) and stays small", async () => {
    const code = await bundle('electron/preload/preload.ts');
    expect(requiredModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\(/);
    // The contract's zod schemas stay out: the preload only needs the call names.
    expect(code).not.toContain('ZodError');
    expect(code.length).toBeLessThan(16 * 1024);
  });

  it('hands the page nothing but window.keyflow and window.keyflowEvents', async () => {
    const code = await bundle('electron/preload/preload.ts');
    const exposed = [...code.matchAll(/exposeInMainWorld\(([^,]*),/g)].map((match) => match[1]);
    expect(exposed).toEqual(['"keyflow"', '"keyflowEvents"']);
    expect(code).not.toMatch(/\bsendSync\(|\bipcRenderer\.send\(|\bexposeInIsolatedWorld\(/);
  });
});

describe('the main bundle', () => {
  it('bundles, loading only Node built-ins and the packages the build leaves external', async () => {
    const { loaded } = await bundleWithMeta('electron/main/main.ts');
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    // node:-prefixed names are built-ins even when this Node lacks them (undici's lazy node:sqlite).
    const others = loaded.filter((name) => !builtins.has(name) && !name.startsWith('node:'));
    expect(
      others.every((name) => EXTERNAL.includes(name)),
      others.join(', '),
    ).toBe(true);
    expect(others).toContain('electron');
  });
});

const BUILT_RENDERER = join(ROOT, 'dist', 'renderer');

describe.skipIf(!existsSync(join(BUILT_RENDERER, 'index.html')))('the built renderer (dist/renderer) over app://keyflow', () => {
  it('serves index.html and every asset it references, with real MIME types and the CSP', async () => {
    const index = await serveAppRequest(BUILT_RENDERER, new Request('app://keyflow/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    const html = await index.text();
    // The CSP allows no inline script: everything must be an external file of the app.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) {
      const url = new URL(reference, 'app://keyflow/index.html').href;
      expect(url.startsWith('app://keyflow/'), `${reference} leaves the app origin`).toBe(true);
      const response = await serveAppRequest(BUILT_RENDERER, new Request(url));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).not.toBe('application/octet-stream');
      if (/\.m?js$/.test(url)) expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(readFileSync(join(BUILT_RENDERER, new URL(url).pathname)).length).toBeGreaterThan(0);
    }
  });
});
