import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { reporters } from '../vitest.shared.js';

const require = createRequire(import.meta.url);

export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } } as never,
  resolve: {
    alias: {
      '@lattice/runtime': fileURLToPath(new URL('../runtime/src/index.ts', import.meta.url)),
      // Node resolves graphql to its CommonJS build (no "exports" map); Vite would pick the ESM one and
      // Apollo would then see two graphql modules. Pin the one Node uses.
      graphql: require.resolve('graphql'),
    },
  },
  test: {
    reporters: reporters('platform'),
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own platform on its own database; two at a time fit two cores.
    maxWorkers: 2,
  },
});
