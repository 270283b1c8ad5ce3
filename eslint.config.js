import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import pkg from './package.json' with { type: 'json' };
import { functionBoundaries } from './scripts/check-boundaries.mjs';

export default defineConfig(
  globalIgnores(['dist/', '.data/', '.run/', '.cache/']),
  tseslint.configs.recommended,
  {
    name: 'todo/overrides',
    rules: {
      // `const { id: _id, ...rest } = event` is how a field is dropped; `_` marks it intentional.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'todo/function-boundaries',
    plugins: { local: { rules: { 'function-boundaries': functionBoundaries } } },
    rules: { 'local/function-boundaries': ['error', { imports: pkg.imports }] },
  },
);
