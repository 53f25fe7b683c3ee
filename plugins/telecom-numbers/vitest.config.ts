import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.shared.js';

export default defineConfig({
  resolve: {
    alias: { '@lattice/runtime': fileURLToPath(new URL('../../runtime/src/index.ts', import.meta.url)) },
  },
  test: {
    reporters: reporters('plugin-telecom-numbers'),
    include: ['src/**/*.spec.ts'],
  },
});
