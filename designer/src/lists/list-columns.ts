import type { MetadataEntity, MetadataField } from '../shell/console-metadata.js';
import { isColumnField } from './field-capabilities.js';
import { localized } from '../i18n/language.js';

/** Without a view: the title field first, then the entity's first one-value fields. */
const DEFAULT_COLUMNS = 7;

/** The fields a list shows: the view's columns the user may read, else a default set. */
export function listColumns(entity: MetadataEntity, viewColumns?: readonly string[]): MetadataField[] {
  const byName = new Map(entity.fields.map((f) => [f.name, f]));
  if (viewColumns?.length) return viewColumns.flatMap((name) => (byName.get(name) && isColumnField(byName.get(name)!) ? [byName.get(name)!] : []));
  const shown = entity.fields.filter(isColumnField);
  const title = shown.find((f) => f.key === entity.titleField);
  return [...(title ? [title] : []), ...shown.filter((f) => f !== title)].slice(0, DEFAULT_COLUMNS);
}

/** A value as a cell shows it: a picklist's label in the user's language, yes / no, or the canonical text. */
export function cellText(field: MetadataField, value: unknown, yesNo: { yes: string; no: string }): string {
  if (value === null || value === undefined || value === '') return '';
  if (field.options?.length) {
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => localized(field.options!.find((o) => o.value === v)?.label, String(v))).join(', ');
  }
  if (typeof value === 'boolean') return value ? yesNo.yes : yesNo.no;
  return String(value);
}
