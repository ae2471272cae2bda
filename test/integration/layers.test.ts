/**
 * The layering holds however an import is spelled: probe files in each layer, importing
 * what that layer may not, fail lint (eslint/layers.mjs resolves the path) and fail the
 * layer's typecheck (its tsconfig offers only the globals its code may use).
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** The layering complaints about `code` as if it were the file at `path`. */
async function layeringErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages.filter((message) => message.ruleId === 'keyflow/layers').map((message) => message.message);
}

/** The type errors of `code` checked with a layer's tsconfig. */
function typeErrors(project: string, code: string): string[] {
  const config = ts.readConfigFile(join(ROOT, project), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const probe = join(ROOT, 'layer-probe.ts');
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language) => (file === probe ? ts.createSourceFile(file, code, language) : getSourceFile(file, language));
  const program = ts.createProgram([probe], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('the layers', () => {
  it('refuses imports across layers by their resolved path, however they are spelled', async () => {
    const refused: [string, string][] = [
      ['electron/core/x.ts', "import { parseShellArgs } from '../main/args';"],
      ['electron/core/x.ts', "import { startHostServer } from '../host/host-server';"],
      ['electron/core/x.ts', "import '../../electron/cli/keyflow';"],
      ['electron/core/x.ts', "import { app } from 'electron';"],
      ['electron/cli/x.ts', "import { parseHostArgs } from '../host/host-args';"],
      ['electron/host/x.ts', "import { parseShellArgs } from '../main/args';"],
      ['electron/host/x.ts', "export * from '../cli/cli-args';"],
      ['renderer/src/x.ts', "import { newId } from '../../electron/core/ids';"],
      ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';"],
      ['renderer/src/x.ts', "const db = await import('better-sqlite3');"],
      ['shared/x.ts', "import { newId } from '../electron/core/ids';"],
      ['shared/x.ts', "import { createStore } from 'zustand';"],
      ['shared/x.ts', "import { join } from 'path';"],
      // Inside the core, a floor imports nothing from a floor above it.
      ['electron/core/secrets/x.ts', "import { TeamWorkspace } from '../team/team-workspace';"],
      ['electron/core/crypto/x.ts', "import { Vault } from '../vault/vault';"],
    ];
    for (const [path, code] of refused) expect(await layeringErrors(path, code), `${path}: ${code}`).toHaveLength(1);
  });

  it('lets each layer import what it may', async () => {
    const allowed: [string, string][] = [
      ['electron/core/team/x.ts', "import { SecretReplicas } from '../secrets/secret-replicas';"],
      ['electron/host/x.ts', "import { startCore } from '../core/keyflow-core';"],
      ['electron/main/x.ts', "import { app } from 'electron';"],
      ['renderer/src/x.ts', "import { bridgeContract } from '../../shared/bridge/contract';"],
      ['shared/x.ts', "import { z } from 'zod';"],
    ];
    for (const [path, code] of allowed) expect(await layeringErrors(path, code), `${path}: ${code}`).toEqual([]);
  });

  it('gives no layer the globals of another: no DOM in shared/ or electron/, no Node in shared/ or renderer/', () => {
    const dom = 'export const title = document.title + window.location.href;';
    const node = "export const home = process.env.HOME + Buffer.from('x').toString();";
    expect(typeErrors('tsconfig.shared.json', dom).join('\n')).toMatch(/Cannot find name 'document'/);
    expect(typeErrors('tsconfig.shared.json', node).join('\n')).toMatch(/Cannot find name 'process'/);
    expect(typeErrors('tsconfig.electron.json', dom).join('\n')).toMatch(/Cannot find name 'document'/);
    expect(typeErrors('tsconfig.renderer.json', node).join('\n')).toMatch(/Cannot find name 'process'/);
    // What each may use still checks: the web platform everywhere, Node in electron/, the DOM in renderer/.
    const web = "export const url = new URL('https://example.com').hostname + new TextEncoder().encode('x').length;";
    for (const project of ['tsconfig.shared.json', 'tsconfig.electron.json', 'tsconfig.renderer.json']) expect(typeErrors(project, web), project).toEqual([]);
    expect(typeErrors('tsconfig.electron.json', node)).toEqual([]);
    expect(typeErrors('tsconfig.renderer.json', dom)).toEqual([]);
  });
});
