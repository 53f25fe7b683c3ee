/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { reporters } from '../vitest.shared.js';

// The platform serves dist/ at `/` on the API's port; in development, Vite proxies the APIs to a running platform.
const platform = process.env['LATTICE_URL'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [vue()],
  server: { proxy: { '/graphql': platform, '/auth': platform, '/admin': platform } },
  build: {
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Element Plus is most of the weight and changes least: its own long-cached chunk.
        codeSplitting: { groups: [{ name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus)/ }, { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/ }] },
      },
    },
  },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: reporters('designer'),
  },
});
