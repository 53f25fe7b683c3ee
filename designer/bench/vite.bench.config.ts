import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

// The Chromium benchmarks' own page (bench/form-bench.html), built like the app.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, rolldownOptions: { input: fileURLToPath(new URL('form-bench.html', import.meta.url)) } },
});
