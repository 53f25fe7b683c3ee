import { defineConfig } from 'vitest/config';
import { reporters } from '../vitest.shared.js';

export default defineConfig({
  test: {
    reporters: reporters('runtime'),
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
  },
});
