import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MetadataSet } from '@lattice/runtime';
import { readMetadataFolder } from '../files/metadata-folder.js';
import type { SeedBatch } from './load-seed.js';

/**
 * An example package: metadata files under `metadata/`, and optionally a
 * built seed generator at `dist/seed/generate-seed.js` exporting
 * `generateSeed({ customers })` and `SEED_SCALES`.
 */
export interface ExamplePackage {
  readonly dir: string;
  metadata(): Promise<MetadataSet>;
  seed(customers?: number): Promise<Iterable<SeedBatch> | undefined>;
}

export function openExample(dir: string): ExamplePackage {
  const root = resolve(dir);
  return {
    dir: root,
    metadata: () => readMetadataFolder(join(root, 'metadata')),
    async seed(customers) {
      const file = join(root, 'dist', 'seed', 'generate-seed.js');
      try {
        await access(file);
      } catch {
        return undefined;
      }
      const module = (await import(pathToFileURL(file).href)) as {
        generateSeed(options: { customers: number }): Iterable<SeedBatch>;
        SEED_SCALES?: { default: number };
      };
      return module.generateSeed({ customers: customers ?? module.SEED_SCALES?.default ?? 2000 });
    },
  };
}
