import { createBuiltinRegistry } from '@lattice/runtime';
import type { MetadataEntity, MetadataField } from '../shell/console-metadata.js';

/** The runtime's field types say how a record page reads and edits each field, as the server's API is generated from them. */
const registry = createBuiltinRegistry();

export type FieldRole = 'value' | 'reference' | 'related' | 'none';

/** A value field (a column), a reference to one record, a related list, or nothing the page shows (JSON). */
export function fieldRole(field: MetadataField): FieldRole {
  const type = registry.get(field.type);
  if (!type) return 'none';
  if (type.relation === 'reference') return 'reference';
  if (type.relation === 'oneToMany' || type.relation === 'manyToMany') return 'related';
  return 'value';
}

/** Users never write it: a formula, an autonumber. */
export function isComputed(field: MetadataField): boolean {
  return registry.get(field.type)?.readOnly === true;
}

/** The widget the field type asks for (`input`, `money`, `select`, `lookup`...); a form may name another. */
export function widgetOf(field: MetadataField, formWidget?: string | null): string {
  return formWidget || registry.get(field.type)?.widget || 'input';
}

export function titleFieldOf(entity: MetadataEntity): MetadataField | undefined {
  return entity.fields.find((f) => f.key === entity.titleField) ?? entity.fields.find((f) => f.type === 'text');
}

export function entityByKey(entities: readonly MetadataEntity[], key: string | undefined): MetadataEntity | undefined {
  return key ? entities.find((e) => e.key === key) : undefined;
}

/** The one-value fields of an entity a related list or a reference can show. */
export function valueFields(entity: MetadataEntity): MetadataField[] {
  return entity.fields.filter((f) => fieldRole(f) === 'value' && f.type !== 'json');
}

/** The type's own settings of a field document (pattern, maxLength, options...), as the field type reads them. */
function settingsOf(field: MetadataField, shape: Record<string, unknown> | undefined): Record<string, unknown> {
  const document = field as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.keys(shape ?? {}).filter((key) => document[key] !== undefined).map((key) => [key, document[key]]));
}

/**
 * Whether the field's type accepts a typed value as it is (decoded and
 * validated by the runtime's field type: a phone number's digits, an ID
 * number's pattern), as the API checks a filter value before it runs it.
 */
export function acceptsValue(field: MetadataField, value: string): boolean {
  const type = registry.get(field.type);
  if (!type) return false;
  const settings = settingsOf(field, (type.settings as unknown as { shape?: Record<string, unknown> }).shape);
  const parsed = type.settings.safeParse(settings);
  if (!parsed.success) return false;
  const decoded = type.decode(value, parsed.data);
  return decoded.ok && type.validate(decoded.value, parsed.data) === null;
}
