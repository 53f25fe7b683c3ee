import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/*.d.ts', '.lattice-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The runtime runs in the browser too: no framework, no driver, no Node I/O.
    files: ['runtime/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process'], message: 'runtime/ must not do Node I/O: it runs in the browser too' },
        { group: ['@nestjs/*', '@mikro-orm/*', 'pg', 'kysely', '@apollo/*', 'express', 'vue', 'graphql'], message: 'runtime/ imports no framework or driver' },
        { group: ['@lattice/platform', '@lattice/designer', '**/platform/**', '**/designer/**'], message: 'runtime/ never imports later steps' },
      ] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
