import type { MetadataEntity, MetadataField } from '../shell/console-metadata.js';
import { acceptsValue, titleFieldOf } from '../records/record-fields.js';

/** How a term is matched against one field: the title contains it, an identifier equals it. */
export interface SearchField {
  readonly field: MetadataField;
  readonly match: 'contains' | 'eq';
}

/** Fields that are part of a unique index: an ID document number with its type, a code. */
function inUniqueIndex(entity: MetadataEntity, field: MetadataField): boolean {
  return (entity.indexes ?? []).some((index) => index.unique && index.fields.includes(field.key));
}

/**
 * The fields a global search matches on an entity, as halls and the hotline
 * identify people: the title (name) contains the term; a phone number, a
 * code (autonumber) or a unique identifier (ID number) equals it. Entities
 * searched are those that identify people or lines: with a phone number or
 * a personal-data identifier. An identifier is matched only by a term its
 * field type accepts (the API refuses letters in a phone number, an ID
 * number that breaks its pattern).
 */
export function searchFieldsOf(entity: MetadataEntity, term: string): SearchField[] {
  const identifiesPeople = entity.fields.some((f) => f.type === 'phone' || (f.personalData && (f.unique || inUniqueIndex(entity, f))));
  if (!identifiesPeople) return [];
  const title = titleFieldOf(entity);
  const fields: SearchField[] = title && (title.type === 'text' || title.type === 'autonumber') ? [{ field: title, match: 'contains' }] : [];
  for (const field of entity.fields) {
    if (field === title) continue;
    const identifier = field.type === 'phone' || field.type === 'autonumber' || (field.type === 'text' && (field.unique || inUniqueIndex(entity, field)));
    if (identifier && acceptsValue(field, term)) fields.push({ field, match: 'eq' });
  }
  return fields;
}

export interface SearchPart {
  readonly alias: string;
  readonly entity: MetadataEntity;
  readonly fields: readonly SearchField[];
}

/** Per entity, how many matches are shown. */
export const SEARCH_RESULTS_PER_ENTITY = 10;

/**
 * One query for a global search: each searched entity's list through the
 * record API (the user's scope, field permissions and personal-data log
 * apply as for any list), its filter the `or` of its search fields.
 */
export function searchQuery(entities: readonly MetadataEntity[], term: string): { query: string; variables: Record<string, unknown>; parts: SearchPart[] } | null {
  const trimmed = term.trim();
  if (!trimmed) return null;
  const parts: SearchPart[] = entities.flatMap((entity, index) => {
    const fields = searchFieldsOf(entity, trimmed);
    return fields.length ? [{ alias: `e${index}`, entity, fields }] : [];
  });
  if (!parts.length) return null;
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const selections = parts.map((part) => {
    variables[part.alias] = { or: part.fields.map(({ field, match }) => ({ [field.name]: { [match]: trimmed } })) };
    declarations.push(`$${part.alias}: ${part.entity.name}Filter`);
    const shown = new Set(['id', ...part.fields.map((f) => f.field.name)]);
    return `${part.alias}: ${part.entity.pluralName}(filter: $${part.alias}, first: ${SEARCH_RESULTS_PER_ENTITY}) { nodes { ${[...shown].join(' ')} } }`;
  });
  return { query: `query Search(${declarations.join(', ')}) {\n  ${selections.join('\n  ')}\n}`, variables, parts };
}
