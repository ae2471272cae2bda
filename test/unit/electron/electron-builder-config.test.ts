import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import Ajv from 'ajv';
import { createRequire } from 'node:module';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

// js-yaml comes with electron-builder (which parses this file with it) but without types.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA_FILE = join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json');

interface BuilderConfig {
  appId?: string;
  productName?: string;
  directories?: { output?: string; buildResources?: string };
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  icon?: string;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: (string | { target: string })[]; category?: string; maintainer?: string };
  deb?: { depends?: string[] };
  mac?: { target?: (string | { target: string })[]; category?: string; hardenedRuntime?: boolean };
  win?: { target?: (string | { target: string })[] };
  [key: string]: unknown;
}

const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const targets = (list: (string | { target: string })[] | undefined) => (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.target));

describe('electron-builder.yml', () => {
  it("validates against the installed electron-builder's own schema", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
    // Like app-builder-lib's own validator, but without coerceTypes: "true" must be true.
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("passes electron-builder's own configuration check (schema plus deprecations)", async () => {
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNode: 'no' } } as never, new DebugLogger(false))).rejects.toThrow(/runAsNode/);
  });

  it('the schema check can fail (an unknown key or a misspelled fuse is rejected)', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } })).toBe(false);
    expect(validate({ ...config, asarUnpak: ['**/*.node'] })).toBe(false);
  });

  it('names the app', () => {
    expect(config.appId).toBe('dev.keyflow.app');
    expect(config.productName).toBe('Keyflow');
    expect(config.directories?.output).toBe('release');
  });

  it('packages the built app, not the sources', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*', 'package.json']));
    for (const pattern of config.files ?? []) {
      expect(pattern, 'sources must not be packaged').not.toMatch(/^(electron|renderer|shared|test|scripts)\//);
    }
    expect(config.asar).not.toBe(false);
  });

  it('unpacks the native modules out of the asar', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/keytar/**', 'node_modules/better-sqlite3/**']));
  });

  it('flips every hardening fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb (Development, with a maintainer, depending on libsecret)', () => {
    expect(targets(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux?.category).toBe('Development');
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    // Setting depends replaces electron-builder's defaults: the GUI libraries must stay.
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libsecret-1-0', 'libgtk-3-0', 'libnss3']));
  });

  it('builds a hardened-runtime dmg in the developer-tools category', () => {
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac?.category).toBe('public.app-category.developer-tools');
    expect(config.mac?.hardenedRuntime).toBe(true);
  });

  it('builds an nsis installer', () => {
    expect(targets(config.win?.target)).toEqual(['nsis']);
  });

  it('points at a real 512x512 RGBA PNG icon in resources/', () => {
    expect(config.icon).toBe('resources/icon.png');
    const png = readFileSync(join(ROOT, config.icon!));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(png[24]).toBe(8); // bit depth
    expect(png[25]).toBe(6); // RGBA
    // The image data inflates to exactly 512 rows of (filter byte + 512 RGBA pixels).
    const chunks: Buffer[] = [];
    for (let offset = 8; offset < png.length;) {
      const length = png.readUInt32BE(offset);
      if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT') chunks.push(png.subarray(offset + 8, offset + 8 + length));
      offset += 12 + length;
    }
    expect(inflateSync(Buffer.concat(chunks)).length).toBe(512 * (1 + 512 * 4));
  });
});
