import type { EntityDocument, MetadataSet } from '../documents/entity.document.js';
import type { LocalizedText } from '../documents/localized-text.js';
import type { AnyFieldType, FormulaType, RelationKind, StorageSpec } from '../field-types/field-type.js';
import type { FormulaNode } from '../formula/formula-node.js';
import type { AutonumberPattern } from '../autonumber/autonumber-pattern.js';
import type { LayerDocument } from '../layers/layer.document.js';
import type { FactRegistry } from '../rules/fact-registry.js';

/**
 * The compiled model: what the platform stores, serves and validates for one
 * metadata version. Built once per version by `compileModel`, never mutated.
 */
export interface CompiledModel {
  /** Hash of the source set: equal sources give equal hashes. */
  readonly hash: string;
  /** The set as authored: base entities and layers. */
  readonly source: MetadataSet;
  /** The base entities alone (`core`), which layers fold over. */
  readonly base: MetadataSet;
  /** The layers along the org tree, each keyed by its owner (an org unit key). */
  readonly layers: readonly LayerDocument[];
  /** Every stored entity: base fields and every layer's added fields. */
  readonly entities: readonly CompiledEntity[];
  entityByKey(key: string): CompiledEntity | undefined;
  entityByName(name: string): CompiledEntity | undefined;
  layerByKey(key: string): LayerDocument | undefined;
  /** The layer that added a field, or undefined for a base field: only units at or below it see the field. */
  fieldLayer(entityKey: string, fieldKey: string): string | undefined;
  /**
   * Each document kind's compiled section, by the set's key (`ruleSets`,
   * `tariffs`, `forms`, `views`, `facts`, a plugin's kind). A feature reads
   * its own through the accessor its folder owns (`ruleSetsOf`,
   * `tariffsOf`, `formsOf`, `viewsOf`), so the model has no field per feature.
   */
  readonly sections: ReadonlyMap<string, unknown>;
  section<T>(name: string): T | undefined;
  /** The computed facts this model compiled with: the given ones and those the metadata declares. */
  readonly facts: FactRegistry;
}

export interface CompiledEntity {
  readonly key: string;
  readonly name: string;
  readonly pluralName: string;
  readonly table: string;
  readonly label: LocalizedText;
  readonly pluralLabel: LocalizedText;
  readonly description?: string;
  /** Name of the field shown when the record is referenced. */
  readonly titleField: string;
  /** System fields first, then the document's fields in order. */
  readonly fields: readonly CompiledField[];
  readonly indexes: readonly CompiledIndex[];
  readonly document: EntityDocument;
  fieldByName(name: string): CompiledField | undefined;
  fieldByKey(key: string): CompiledField | undefined;
}

export interface CompiledRelation {
  readonly kind: RelationKind;
  /** Target entity key. */
  readonly target: string;
  /** oneToMany: key of the reference field on the target that points back. */
  readonly inverseOf?: string;
  /** reference: what deleting the target does. */
  readonly onDelete?: 'restrict' | 'setNull' | 'cascade';
  /** manyToMany: join table and its two columns. */
  readonly joinTable?: string;
  readonly joinColumn?: string;
  readonly inverseJoinColumn?: string;
}

export interface CompiledField {
  readonly key: string;
  readonly name: string;
  /** Column in the entity's table, or null (oneToMany, manyToMany). */
  readonly column: string | null;
  readonly label: LocalizedText;
  readonly description?: string;
  readonly typeName: string;
  readonly type: AnyFieldType;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly storage: StorageSpec | null;
  readonly required: boolean;
  readonly unique: boolean;
  readonly indexed: boolean;
  /** Personal data: the platform logs every read of it. */
  readonly personalData: boolean;
  /** The key the field had in the live version, when its key changed (the document's `renamedFrom`). */
  readonly renamedFrom?: string;
  /** Decoded default value, when the document declares one. */
  readonly default?: unknown;
  /** Platform-managed (id, audit columns, version...). */
  readonly system: boolean;
  /** Never written by users (system fields, formula, autonumber). */
  readonly readOnly: boolean;
  readonly relation?: CompiledRelation;
  readonly formula?: { readonly expression: string; readonly ast: FormulaNode; readonly resultType: FormulaType };
  readonly autonumber?: AutonumberPattern;
}

export interface CompiledIndex {
  readonly key: string;
  /** Database index name, derived from table and key. */
  readonly name: string;
  readonly fieldKeys: readonly string[];
  readonly columns: readonly string[];
  readonly unique: boolean;
}
