import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/*.d.ts', '.lattice-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The designer's single-file components: Vue's recommended rules, their <script setup lang="ts"> parsed by typescript-eslint.
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' }, globals: { ...globals.browser } },
    rules: {
      // Formatting is the formatter's business, not the linter's.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/attributes-order': 'off',
      // Element Plus' directives (v-loading) and the console's screens named by route need no two-word names.
      'vue/multi-word-component-names': 'off',
    },
  },
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
