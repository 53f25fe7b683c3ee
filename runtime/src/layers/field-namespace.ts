import type { FieldDocument } from '../documents/entity.document.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { inflection } from '../naming/inflection.js';
import { SYSTEM_FIELD_DOCUMENTS } from '../model/system-fields.js';
import { CORE_LAYER_KEY } from './layer.document.js';

/** System fields are the same in every table: their names are worked out once. */
const SYSTEM_NAMES: ReadonlyArray<['key' | 'name' | 'column', string]> = SYSTEM_FIELD_DOCUMENTS.flatMap((document) => [
  ['key', document.key] as const,
  ['name', document.name.toLowerCase()] as const,
  ['column', inflection.columnName(document.name)] as const,
]);

export interface FieldCollision {
  readonly what: 'key' | 'name' | 'column';
  readonly value: string;
  /** The layer that owns the field already there. */
  readonly owner: string;
}

/**
 * The keys, names (ignoring case) and columns of one entity's table, with
 * the layer that owns each. Fields added by layers land in the table every
 * org unit shares, so a new field must not take any of them, whichever
 * subtree the other field belongs to.
 */
export class FieldNamespace {
  readonly #owners = { key: new Map<string, string>(), name: new Map<string, string>(), column: new Map<string, string>() };

  constructor(
    private readonly registry: FieldTypeRegistry,
    fields: Iterable<{ document: FieldDocument; owner: string }>,
  ) {
    for (const [what, value] of SYSTEM_NAMES) this.#owners[what].set(value, CORE_LAYER_KEY);
    for (const { document, owner } of fields) this.add(document, owner);
  }

  collision(document: FieldDocument): FieldCollision | undefined {
    for (const [what, value] of this.#namesOf(document)) {
      const owner = this.#owners[what].get(value);
      if (owner !== undefined) return { what, value, owner };
    }
    return undefined;
  }

  add(document: FieldDocument, owner: string): void {
    for (const [what, value] of this.#namesOf(document)) if (!this.#owners[what].has(value)) this.#owners[what].set(value, owner);
  }

  #namesOf(document: FieldDocument): Array<['key' | 'name' | 'column', string]> {
    const names: Array<['key' | 'name' | 'column', string]> = [['key', document.key], ['name', document.name.toLowerCase()]];
    const column = this.#columnOf(document);
    if (column !== null) names.push(['column', column]);
    return names;
  }

  /** Relations listed from the other side have no column; a reference's column ends in `_id`. */
  #columnOf(document: FieldDocument): string | null {
    const relation = this.registry.get(document.type)?.relation;
    if (relation === 'oneToMany' || relation === 'manyToMany') return null;
    return relation === 'reference' ? inflection.referenceColumnName(document.name) : inflection.columnName(document.name);
  }
}
