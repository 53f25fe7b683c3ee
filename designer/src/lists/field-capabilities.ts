import { createBuiltinRegistry } from '@lattice/runtime';
import type { MetadataField } from '../shell/console-metadata.js';

/** The runtime's field types answer what a list may do with a field: the same answers the server's API is generated from. */
const registry = createBuiltinRegistry();

export type FilterKind = 'contains' | 'oneOf' | 'dateRange';

/** Relations name other records (shown on the record page, not in a column); JSON has no one-line form. */
const NOT_COLUMNS = new Set(['reference', 'oneToMany', 'manyToMany', 'json']);

/** Whether a column can show the field: one value per record, not a relation to other records. */
export function isColumnField(field: MetadataField): boolean {
  const type = registry.get(field.type);
  return !!type && !type.list && !NOT_COLUMNS.has(field.type);
}

export function isSortable(field: MetadataField): boolean {
  return registry.get(field.type)?.sortable === true;
}

/** The filter a list offers for a field, from its type's operators: text contains, a picklist's values, a date range. */
export function filterKindOf(field: MetadataField): FilterKind | null {
  const operators: readonly string[] = registry.get(field.type)?.filterOperators ?? [];
  if (field.options?.length && operators.includes('in')) return 'oneOf';
  if ((field.type === 'date' || field.type === 'datetime') && operators.includes('gte') && operators.includes('lte')) return 'dateRange';
  if (operators.includes('contains')) return 'contains';
  return null;
}
