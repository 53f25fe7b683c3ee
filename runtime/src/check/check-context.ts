import type { EntityDocument, FieldDocument } from '../documents/entity.document.js';
import type { AnyFieldType } from '../field-types/field-type.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';

/** A field document with its type resolved and its settings parsed (when both succeeded). */
export interface ResolvedField {
  readonly document: FieldDocument;
  readonly path: string;
  readonly type?: AnyFieldType;
  readonly settings?: Record<string, unknown>;
  readonly system: boolean;
}

export interface ResolvedEntity {
  readonly document: EntityDocument;
  readonly path: string;
  /** System fields first, then the document's. */
  readonly fields: readonly ResolvedField[];
}

/** What every semantic check reads: the whole set, resolved once. */
export interface CheckContext {
  readonly registry: FieldTypeRegistry;
  readonly entities: readonly ResolvedEntity[];
  readonly entityByKey: ReadonlyMap<string, ResolvedEntity>;
}

export const entityPath = (entity: EntityDocument) => `entities[${entity.key}]`;
export const fieldPath = (entity: EntityDocument, field: FieldDocument) => `${entityPath(entity)}.fields[${field.key}]`;
