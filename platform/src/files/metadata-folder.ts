import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { MetadataSet } from '@lattice/runtime';

/**
 * Metadata as code: one YAML file per entity under `<dir>/entities/`, named
 * by the entity's key. Loaded in key order so the same files always make
 * the same metadata (and the same hash).
 */
export async function readMetadataFolder(dir: string): Promise<MetadataSet> {
  const folder = join(dir, 'entities');
  const files = (await readdir(folder)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const entities = [];
  for (const file of files) {
    const text = await readFile(join(folder, file), 'utf8');
    try {
      entities.push(parse(text));
    } catch (error) {
      throw new Error(`${join(folder, file)} is not valid YAML: ${(error as Error).message}`, { cause: error });
    }
  }
  entities.sort((a, b) => String(a?.key).localeCompare(String(b?.key)));
  return { entities } as MetadataSet;
}

export async function writeMetadataFolder(dir: string, set: MetadataSet): Promise<string[]> {
  const folder = join(dir, 'entities');
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const entity of set.entities) {
    const file = join(folder, `${entity.key}.yaml`);
    await writeFile(file, stringify(entity, { lineWidth: 0 }), 'utf8');
    written.push(file);
  }
  return written;
}
