import { access, readFile } from 'node:fs/promises';
import { parse } from 'yaml';
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
  /** The example's organisation file (`org/org.yaml`: units, roles, users), or undefined when it has none. */
  org(): Promise<unknown>;
  /** The example's business calendars (`org/calendars.yaml`: `calendars: [{ unit, ...calendar }]`), empty when it has none. */
  calendars(): Promise<Array<{ unit: string } & Record<string, unknown>>>;
  /** Generated data for `customers` customers, or for a named scale of the example (`default`, `bench`, `million`). */
  seed(size?: number | string): Promise<Iterable<SeedBatch> | undefined>;
}

export function openExample(dir: string): ExamplePackage {
  const root = resolve(dir);
  return {
    dir: root,
    metadata: () => readMetadataFolder(join(root, 'metadata')),
    async org() {
      const file = join(root, 'org', 'org.yaml');
      try {
        await access(file);
      } catch {
        return undefined;
      }
      return parse(await readFile(file, 'utf8'));
    },
    async calendars() {
      const file = join(root, 'org', 'calendars.yaml');
      try {
        await access(file);
      } catch {
        return [];
      }
      return (parse(await readFile(file, 'utf8')) as { calendars?: Array<{ unit: string } & Record<string, unknown>> }).calendars ?? [];
    },
    async seed(size) {
      const file = join(root, 'dist', 'seed', 'generate-seed.js');
      try {
        await access(file);
      } catch {
        return undefined;
      }
      const module = (await import(pathToFileURL(file).href)) as {
        generateSeed(options: { customers: number }): Iterable<SeedBatch>;
        SEED_SCALES?: Record<string, number>;
      };
      const scales = module.SEED_SCALES ?? {};
      const customers = typeof size === 'number' ? size : scales[size ?? 'default'];
      if (customers === undefined || !Number.isInteger(customers) || customers < 0) {
        throw new Error(`Unknown seed size "${String(size)}": give a number of customers or one of ${Object.keys(scales).join(', ')}`);
      }
      return module.generateSeed({ customers });
    },
  };
}
