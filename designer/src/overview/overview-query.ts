import { lowerFirst } from '@lattice/runtime';
import type { MetadataEntity, MetadataField } from '../shell/console-metadata.js';
import { entityByKey, fieldRole, valueFields } from '../records/record-fields.js';
import { referenceSelection } from '../records/record-page-query.js';

/** How many rows each list of the overview shows (the record page and the lists have the rest). */
export const OVERVIEW_ROWS = 10;
const COLUMNS = 5;

/**
 * One list on a record's overview: a related list of the record
 * (`customer.subscriptions`), or the records of another entity that point
 * at it without the record listing them (complaints of a customer).
 */
export interface OverviewPart {
  alias: string;
  kind: 'related' | 'referencing';
  entity: MetadataEntity;
  /** The record's one-to-many field, or the other entity's reference to the record. */
  field: MetadataField;
  columns: MetadataField[];
}

/**
 * The lists of a record's overview, from the user's effective metadata
 * alone: every related list of the entity they may read, then every other
 * readable entity with a reference to it that no related list already shows.
 * What the user's roles hide is not in their metadata, so not asked for.
 */
export function overviewParts(entity: MetadataEntity, entities: readonly MetadataEntity[]): OverviewPart[] {
  const parts: OverviewPart[] = [];
  for (const field of entity.fields) {
    const target = entityByKey(entities, field.target);
    if (fieldRole(field) === 'related' && target) parts.push({ alias: field.name, kind: 'related', entity: target, field, columns: valueFields(target).slice(0, COLUMNS) });
  }
  const listed = new Set(parts.map((p) => `${p.entity.key}.${p.field.inverseOf ?? ''}`));
  for (const other of entities) {
    for (const field of other.fields) {
      if (fieldRole(field) !== 'reference' || field.target !== entity.key || listed.has(`${other.key}.${field.key}`) || listed.has(`${other.key}.${field.name}`)) continue;
      // An entity listed through a related list of unknown inverse is not listed twice.
      if (parts.some((p) => p.kind === 'related' && p.entity.key === other.key && !p.field.inverseOf)) continue;
      parts.push({ alias: `${lowerFirst(other.pluralName)}By${field.name[0]!.toUpperCase()}${field.name.slice(1)}`, kind: 'referencing', entity: other, field, columns: valueFields(other).slice(0, COLUMNS) });
    }
  }
  return parts;
}

/**
 * The overview's one query: the record (its one-value fields and
 * references' titles) with its related lists, and the referencing records,
 * newest first, each list with its count. Everything is known from the
 * metadata the shell holds: nothing waits for another answer.
 */
export function overviewQuery(entity: MetadataEntity, entities: readonly MetadataEntity[], parts: readonly OverviewPart[]): string {
  const own: string[] = ['id', 'version', 'createdAt', 'updatedAt'];
  for (const field of entity.fields) {
    const role = fieldRole(field);
    const target = entityByKey(entities, field.target);
    if (role === 'value' && field.type !== 'json') own.push(field.name);
    if (role === 'reference' && target) own.push(`${field.name} { ${referenceSelection(target)} }`);
  }
  const rows = (columns: MetadataField[]) => ['id', ...columns.map((c) => c.name)].join(' ');
  for (const part of parts.filter((p) => p.kind === 'related')) own.push(`${part.alias}: ${part.field.name} { ${rows(part.columns)} }`);
  const referencing = parts
    .filter((p) => p.kind === 'referencing')
    .map((p) => `${p.alias}: ${p.entity.pluralName}(filter: { ${p.field.name}: { eq: $id } }, first: ${OVERVIEW_ROWS}, orderBy: [{ field: createdAt, direction: DESC }]) { totalCount nodes { ${rows(p.columns)} } }`);
  return `query RecordOverview($id: ID!) {\n  record: ${lowerFirst(entity.name)}(id: $id) { ${own.join(' ')} }\n${referencing.map((r) => `  ${r}\n`).join('')}}`;
}
