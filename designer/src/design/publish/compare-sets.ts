import { stringify } from 'yaml';
import type { MetadataSet } from '@lattice/runtime';

/** One document that differs between two versions: its path and its YAML on each side (null where it is absent). */
export interface DocumentDifference {
  path: string;
  before: string | null;
  after: string | null;
}

function documentsOf(set: MetadataSet): Map<string, unknown> {
  const documents = new Map<string, unknown>();
  for (const [section, value] of Object.entries(set)) {
    if (Array.isArray(value)) for (const d of value) documents.set(`${section}[${(d as { key?: string }).key ?? '?'}]`, d);
    else if (value) documents.set(section, value);
  }
  return documents;
}

const yamlOf = (document: unknown) => stringify(document, { lineWidth: 0 });

/** The documents two metadata versions hold differently, matched by section and key, in the newer version's order. */
export function compareSets(older: MetadataSet, newer: MetadataSet): DocumentDifference[] {
  const before = documentsOf(older);
  const after = documentsOf(newer);
  const paths = [...after.keys(), ...[...before.keys()].filter((p) => !after.has(p))];
  return paths.flatMap((path) => {
    const a = before.has(path) ? yamlOf(before.get(path)) : null;
    const b = after.has(path) ? yamlOf(after.get(path)) : null;
    return a === b ? [] : [{ path, before: a, after: b }];
  });
}
