// Lint: TypeScript's recommended rules, and the layering rule (eslint/layers.mjs) checked on
// resolved import paths — see docs/ARCHITECTURE.md, "Layers".
import tseslint from 'typescript-eslint';
import keyflow from './eslint/layers.mjs';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', '.bench/'] },
  ...tseslint.configs.recommended,
  {
    plugins: { keyflow },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'keyflow/layers': 'error',
    },
  },
  {
    // The published command is a tiny CommonJS launcher for the bundled CLI.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
