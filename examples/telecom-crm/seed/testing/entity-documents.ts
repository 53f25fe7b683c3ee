import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The example's entity documents as the tests read them: the shape written
 * in metadata/entities/*.yaml (see runtime/src/documents/entity.document.ts),
 * typed loosely because type settings sit beside the common properties.
 */
export interface FieldDoc {
  key: string;
  name: string;
  type: string;
  label?: unknown;
  description?: string;
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  default?: unknown;
  options?: Array<{ value: string; label: unknown }>;
  target?: string;
  inverseOf?: string;
  onDelete?: string;
  pattern?: string;
  timeZone?: string;
  expression?: string;
  maxLength?: number;
  minLength?: number;
  min?: number;
  max?: number;
}

export interface EntityDoc {
  kind: string;
  key: string;
  name: string;
  pluralName?: string;
  label?: unknown;
  pluralLabel?: unknown;
  description?: string;
  titleField?: string;
  fields: FieldDoc[];
  indexes?: Array<{ key: string; fields: string[]; unique?: boolean }>;
}

export const ENTITIES_DIR = join(import.meta.dirname, '..', '..', 'metadata', 'entities');

/** Every entity document, with the file name it came from. */
export function loadEntityDocuments(dir = ENTITIES_DIR): Array<{ file: string; document: EntityDoc }> {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, document: parse(readFileSync(join(dir, file), 'utf8')) as EntityDoc }));
}

/** The documents of one folder of the example's metadata (`forms`, `workflows`...), in file order. */
export function metadataDocuments(dir: string): Record<string, unknown>[] {
  const folder = join(ENTITIES_DIR, '..', dir);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => parse(readFileSync(join(folder, file), 'utf8')) as Record<string, unknown>);
}
