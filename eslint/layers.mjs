// The layering rule, checked on resolved paths (VS Code's `layers` rule is the model): an
// import is resolved against the importing file, so `../main/args` from electron/core is
// caught however it is spelled. Layers, and what each may import:
//   shared/               shared/ only; zod, tldts and secretlint's rules (pure, run anywhere: no Node, no DOM libraries)
//   renderer/             renderer/, shared/; browser packages (no Node built-ins, no 'electron')
//   electron/core/        electron/core/, shared/; never main/, preload/, host/, cli/ or 'electron';
//                         and inside core, floors: a folder imports only from its own floor or below
//   electron/host/        electron/host/, electron/core/, shared/
//   electron/cli/         electron/cli/, electron/core/, shared/
//   electron/main/        electron/main/, electron/core/, shared/, 'electron'
//   electron/preload/     electron/preload/, shared/, 'electron'
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const nodeOnlyPackages = new Set(['keytar', 'better-sqlite3', 'undici', 'quickjs-emscripten']);

/** Floors of electron/core, lowest first: a folder may import from its floor and those below. */
export const CORE_FLOORS = [
  ['ids', 'logger', 'version', 'test-settings', 'user-data-dir', 'crypto', 'db', 'keystore'],
  ['vault', 'identity', 'access', 'audit'],
  ['redaction', 'run-code', 'workflows', 'files', 'environments', 'sources', 'recovery'],
  ['secrets'],
  ['backup'],
  ['team'],
  ['runs'],
  ['workspaces'],
  ['imports', 'credentials'],
  ['bridge', 'security', 'handlers'],
  ['keyflow-core'],
];

const LAYERS = [
  // secretlint's recommended rules are plain pattern code: detection runs them in the renderer and in main alike.
  { name: 'shared', dir: 'shared', may: ['shared'], packages: (name) => ['zod', 'tldts', '@secretlint/secretlint-rule-preset-recommend', '@secretlint/types'].includes(name) },
  { name: 'renderer', dir: 'renderer', may: ['renderer', 'shared'], packages: (name) => !nodeBuiltins.has(name) && !nodeOnlyPackages.has(name) && name !== 'electron' },
  // The app's version is read from package.json.
  { name: 'core', dir: 'electron/core', may: ['electron/core', 'shared', 'package.json'], packages: (name) => name !== 'electron' },
  { name: 'host', dir: 'electron/host', may: ['electron/host', 'electron/core', 'shared'], packages: (name) => name !== 'electron' },
  { name: 'cli', dir: 'electron/cli', may: ['electron/cli', 'electron/core', 'shared'], packages: (name) => name !== 'electron' },
  { name: 'main', dir: 'electron/main', may: ['electron/main', 'electron/core', 'shared'], packages: () => true },
  { name: 'preload', dir: 'electron/preload', may: ['electron/preload', 'shared'], packages: () => true },
];

const within = (path, dir) => path === dir || path.startsWith(`${dir}/`);
const layerOf = (path) => LAYERS.find((layer) => within(path, layer.dir));

function floorOf(corePath) {
  const first = corePath.split('/')[0].replace(/\.ts$/, '');
  return CORE_FLOORS.findIndex((floor) => floor.includes(first));
}

/** Why `from` may not import `target` (both repository-relative, POSIX), or null. */
export function layeringProblem(from, specifier, target) {
  const layer = layerOf(from);
  if (!layer) return null;
  if (target === null) {
    const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
    return layer.packages(name) ? null : `${layer.dir}/ may not import '${specifier}' (see docs/ARCHITECTURE.md, "Layers").`;
  }
  if (!layer.may.some((dir) => within(target, dir))) return `${layer.dir}/ may not import ${target} (see docs/ARCHITECTURE.md, "Layers").`;
  if (layer.name === 'core' && within(target, 'electron/core')) {
    const [fromFloor, toFloor] = [floorOf(from.slice('electron/core/'.length)), floorOf(target.slice('electron/core/'.length))];
    if (fromFloor === -1) return `${from} is in no floor of electron/core: add its folder to CORE_FLOORS in eslint/layers.mjs.`;
    if (toFloor > fromFloor) return `${from} may not import ${target}: it is on a higher floor of electron/core (see eslint/layers.mjs).`;
  }
  return null;
}

const toRepo = (absolute) => relative(root, absolute).split(sep).join('/');

export const layers = {
  meta: { type: 'problem', schema: [], docs: { description: 'Imports follow the layers of docs/ARCHITECTURE.md, on resolved paths.' } },
  create(context) {
    const file = toRepo(context.filename);
    if (file.startsWith('..')) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = specifier.startsWith('.') ? toRepo(resolve(dirname(context.filename), specifier)) : null;
      const problem = layeringProblem(file, specifier, target);
      if (problem) context.report({ node, message: problem });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { layers } };
