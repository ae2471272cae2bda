// The layering rule (like VS Code's common / node / electron-main / browser):
//   shared/    imports nothing of electron/ or renderer/, no Node built-ins, no DOM-only libraries
//   renderer/  imports only shared/ (and browser libraries), never Node or 'electron'
//   electron/  imports only shared/; of electron/, only the shell (main/, preload/) may import 'electron'
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['keytar', 'better-sqlite3', 'undici'];

const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message: 'Not allowed in this layer (see docs/ARCHITECTURE.md).' })),
      patterns: patterns.map((group) => ({ group: [group], message: 'Not allowed in this layer (see docs/ARCHITECTURE.md).' })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', '.bench/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The published command is a tiny CommonJS launcher for the bundled CLI.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(['**/electron/**', '**/renderer/**', 'react', 'react-dom', 'zustand'], ['electron', ...nodeBuiltins, ...nodeOnlyPackages]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(['**/electron/**'], ['electron', ...nodeBuiltins, ...nodeOnlyPackages]),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: restrict(['**/renderer/**', '**/electron/main/**', '**/electron/preload/**'], ['electron']),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: restrict(['**/renderer/**']),
  },
);
