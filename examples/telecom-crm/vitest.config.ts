import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['seed/**/*.spec.ts'],
  },
});
