import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { MetadataSet } from '@lattice/runtime';

/**
 * Metadata as code: one YAML file per entity under `<dir>/entities/`, one
 * per layer under `<dir>/layers/` (named by the key of the org unit that
 * owns it) and one per rule set under `<dir>/rules/`, each named by its
 * key; forms under `<dir>/forms/`, shared list views under `<dir>/views/`
 * computed facts under `<dir>/facts/` and workflows under `<dir>/workflows/`, one per document, each named by
 * its key (a layer's form layouts are part of its layer document, under
 * `forms`); the tariff catalog in `<dir>/tariffs.yaml`. Loaded in key order so the same files
 * always make the same metadata (and the same hash).
 */
/** Sections of the set kept one document per file, in a folder of the same name. */
const KEYED_FOLDERS = ['facts', 'forms', 'views', 'workflows'] as const;

export async function readMetadataFolder(dir: string): Promise<MetadataSet> {
  const entities = await readDocuments(join(dir, 'entities'), true);
  const layers = await readDocuments(join(dir, 'layers'), false);
  const ruleSets = await readDocuments(join(dir, 'rules'), false);
  const tariffs = await readOptionalDocument(join(dir, 'tariffs.yaml'));
  const optional: Record<string, unknown> = {};
  for (const section of KEYED_FOLDERS) {
    const documents = await readDocuments(join(dir, section), false);
    if (documents.length) optional[section] = documents;
  }
  return { entities, ...(layers.length ? { layers } : {}), ...(ruleSets.length ? { ruleSets } : {}), ...optional, ...(tariffs ? { tariffs } : {}) } as MetadataSet;
}

async function readOptionalDocument(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
}

async function readDocuments(folder: string, required: boolean): Promise<unknown[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const documents: unknown[] = [];
  for (const file of names.filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const text = await readFile(join(folder, file), 'utf8');
    try {
      documents.push(parse(text));
    } catch (error) {
      throw new Error(`${join(folder, file)} is not valid YAML: ${(error as Error).message}`, { cause: error });
    }
  }
  return documents.sort((a, b) => String((a as { key?: unknown })?.key).localeCompare(String((b as { key?: unknown })?.key)));
}

export async function writeMetadataFolder(dir: string, set: MetadataSet): Promise<string[]> {
  const written = await writeDocuments(join(dir, 'entities'), set.entities);
  if (set.layers?.length) written.push(...(await writeDocuments(join(dir, 'layers'), set.layers as { key: string }[])));
  if (set.ruleSets?.length) written.push(...(await writeDocuments(join(dir, 'rules'), set.ruleSets as { key: string }[])));
  for (const section of KEYED_FOLDERS) {
    const documents = set[section] as { key: string }[] | undefined;
    if (documents?.length) written.push(...(await writeDocuments(join(dir, section), documents)));
  }
  if (set.tariffs) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'tariffs.yaml'), stringify(set.tariffs, { lineWidth: 0 }), 'utf8');
    written.push(join(dir, 'tariffs.yaml'));
  }
  return written;
}

async function writeDocuments(folder: string, documents: readonly { key: string }[]): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const document of documents) {
    const file = join(folder, `${document.key}.yaml`);
    await writeFile(file, stringify(document, { lineWidth: 0 }), 'utf8');
    written.push(file);
  }
  return written;
}
