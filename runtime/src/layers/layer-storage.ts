import type { FieldDocument, MetadataSet } from '../documents/entity.document.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import type { Problem } from '../problems/problem.js';
import { addedFieldProblems } from './added-field-problems.js';
import { copyJson } from './copy-json.js';
import { FieldNamespace } from './field-namespace.js';
import { CORE_LAYER_KEY, type LayerDocument } from './layer.document.js';
import { layerPaths } from './layer-paths.js';
import { layerProblems } from './layer-problems.js';

/** A field a layer adds, in the table every org unit shares, visible only in that layer's subtree. */
export interface StoredLayerField {
  readonly entity: string;
  readonly field: string;
  /** The owning layer: only units at or below it see the field. */
  readonly layer: string;
  readonly document: FieldDocument;
}

export interface LayerStorage {
  /**
   * The base set with every layer's added fields appended: what the tables
   * hold, for the platform to plan columns from. Added fields are never
   * required, so their columns are nullable: rows of other subtrees have no
   * value for them.
   */
  readonly set: MetadataSet;
  readonly addedFields: readonly StoredLayerField[];
  readonly problems: readonly Problem[];
}

/**
 * The storage view of all the layers of a version, whichever subtree they
 * belong to: fields added in different subtrees share one table, so their
 * keys, names and columns must differ from the base fields' and from each
 * other's (`layer.storage-collision`). A field with a problem is left out.
 */
export function layerStorage(base: MetadataSet, layers: readonly LayerDocument[], registry: FieldTypeRegistry): LayerStorage {
  const set = copyJson(base);
  const problems: Problem[] = [];
  const addedFields: StoredLayerField[] = [];
  const namespaces = new Map(set.entities.map((entity) => [entity.key, { entity, names: new FieldNamespace(registry, entity.fields.map((document) => ({ document, owner: CORE_LAYER_KEY }))) }]));
  const seen = new Set<string>();
  for (const layer of layers) {
    if (seen.has(layer.key)) {
      problems.push(layerProblems.duplicateLayer(layerPaths.layer(layer.key), layer.key));
      continue;
    }
    seen.add(layer.key);
    for (const overlay of layer.entities) {
      if (!overlay.addFields?.length) continue;
      const target = namespaces.get(overlay.key);
      if (!target) {
        problems.push(layerProblems.unknownEntity(layerPaths.entity(layer.key, overlay.key), overlay.key));
        continue;
      }
      for (const document of overlay.addFields) {
        const path = layerPaths.addedField(layer.key, overlay.key, document.key);
        const collision = target.names.collision(document);
        const found = collision ? [layerProblems.storageCollision(path, collision.what, collision.value, collision.owner)] : addedFieldProblems(document, path, registry);
        if (found.length) {
          problems.push(...found);
          continue;
        }
        const copy = copyJson(document);
        target.entity.fields.push(copy);
        target.names.add(copy, layer.key);
        addedFields.push({ entity: overlay.key, field: copy.key, layer: layer.key, document: copy });
      }
    }
  }
  return { set, addedFields, problems };
}
