import type { EntityDocument, FieldDocument, MetadataSet } from '../documents/entity.document.js';
import type { Problem } from '../problems/problem.js';
import type { EffectiveValidation, LayerConflict } from './effective-metadata.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { elementProperty, type ElementKind } from './element-property.js';
import { FieldNamespace } from './field-namespace.js';
import { CORE_LAYER_KEY } from './layer.document.js';
import { copyJson } from './copy-json.js';
import { layerPaths } from './layer-paths.js';

type Marks = Record<string, Record<string, string>>;

/** An element the fold works on: its document (the fold's own copy) and where it sits. */
export interface FoldElement {
  readonly kind: ElementKind;
  readonly path: string;
  readonly entity: EntityDocument;
  readonly document: Record<string, unknown>;
  readonly fieldKey?: string;
}

/**
 * The working state of one fold. It owns a copy of the base set and changes
 * it in place, layer by layer; nothing outside sees it until the fold ends.
 */
export interface FoldState {
  readonly set: MetadataSet;
  readonly defaultLanguage: string;
  readonly entities: Map<string, EntityDocument>;
  readonly fields: Map<string, Map<string, FieldDocument>>;
  /** Only what layers set: everything else comes from core (`provenanceOf` gives the whole picture). */
  readonly provenance: Marks;
  readonly locks: Marks;
  readonly overridable: Marks;
  /** Entity key → field key → the layer that hid it. */
  readonly hidden: Map<string, Map<string, string>>;
  readonly validations: Map<string, Map<string, EffectiveValidation>>;
  /** Entity key → its field keys, names and columns, for entities layers add fields to. */
  readonly namespaces: Map<string, FieldNamespace>;
  readonly conflicts: LayerConflict[];
  readonly problems: Problem[];
}

export function createFoldState(base: MetadataSet, defaultLanguage: string): FoldState {
  // One deep copy: the fold then writes in place without touching the caller's set.
  const set = copyJson(base);
  const state: FoldState = {
    set,
    defaultLanguage,
    entities: new Map(),
    fields: new Map(),
    provenance: {},
    locks: {},
    overridable: {},
    hidden: new Map(),
    validations: new Map(),
    namespaces: new Map(),
    conflicts: [],
    problems: [],
  };
  for (const entity of set.entities) {
    if (state.entities.has(entity.key)) continue; // a duplicate key is the compile checks' to report
    state.entities.set(entity.key, entity);
    const fields = new Map<string, FieldDocument>();
    for (const field of entity.fields) if (!fields.has(field.key)) fields.set(field.key, field);
    state.fields.set(entity.key, fields);
  }
  return state;
}

export function entityElement(state: FoldState, key: string): FoldElement | undefined {
  const entity = state.entities.get(key);
  return entity && { kind: 'entity', path: layerPaths.element(key), entity, document: entity as unknown as Record<string, unknown> };
}

export function fieldElement(state: FoldState, entity: EntityDocument, key: string): FoldElement | undefined {
  const field = state.fields.get(entity.key)?.get(key);
  return field && { kind: 'field', path: layerPaths.element(entity.key, key), entity, document: field, fieldKey: key };
}

/** Every property of `document` as set by `layer` (an added field). */
export function recordProvenance(state: FoldState, path: string, document: object, layer: string): void {
  const entry: Record<string, string> = (state.provenance[path] ??= {});
  elementProperty.forEachName(document, state.defaultLanguage, (name) => (entry[name] = layer));
}

/**
 * The entity's field namespace, built when a layer first adds a field to it
 * (so every field then in the entity is the base set's) and kept up to date
 * as layers add more.
 */
export function namespaceOf(state: FoldState, registry: FieldTypeRegistry, entity: EntityDocument): FieldNamespace {
  let namespace = state.namespaces.get(entity.key);
  if (!namespace) {
    namespace = new FieldNamespace(registry, entity.fields.map((document) => ({ document, owner: CORE_LAYER_KEY })));
    state.namespaces.set(entity.key, namespace);
  }
  return namespace;
}

/**
 * The layer that locked `target` of an element for the layers below it, if
 * any: the target itself, a whole label (`label` locks `label.zh-CN`), the
 * whole element (`*`), or, for a field, its whole entity.
 */
export function lockOf(locks: Readonly<Marks>, element: { path: string; entityPath: string }, target: string): string | undefined {
  const own = locks[element.path];
  const dot = target.indexOf('.');
  return (
    own?.[target] ??
    (dot > 0 ? own?.[target.slice(0, dot)] : undefined) ??
    own?.['*'] ??
    (element.entityPath === element.path ? undefined : locks[element.entityPath]?.['*'])
  );
}

export const lockScope = (element: FoldElement) => ({ path: element.path, entityPath: layerPaths.element(element.entity.key) });
