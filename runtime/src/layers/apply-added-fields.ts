import type { EntityDocument, FieldDocument } from '../documents/entity.document.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { addedFieldProblems } from './added-field-problems.js';
import { lockOf, namespaceOf, recordProvenance, type FoldState } from './fold-state.js';
import { copyJson } from './copy-json.js';
import { layerPaths } from './layer-paths.js';
import { layerProblems } from './layer-problems.js';

/** Adds a layer's new fields to one entity, unless locked, colliding or invalid. */
export function applyAddedFields(
  state: FoldState,
  registry: FieldTypeRegistry,
  layer: string,
  entity: EntityDocument,
  added: readonly FieldDocument[],
): void {
  const entityPath = layerPaths.element(entity.key);
  const namespace = namespaceOf(state, registry, entity);
  const lockedBy = lockOf(state.locks, { path: entityPath, entityPath }, 'addFields');
  for (const document of added) {
    const path = layerPaths.addedField(layer, entity.key, document.key);
    if (lockedBy !== undefined) {
      state.problems.push(layerProblems.locked(path, `Adding fields to ${entityPath}`, lockedBy));
      continue;
    }
    const collision = namespace.collision(document);
    if (collision) {
      state.problems.push(layerProblems.fieldTaken(path, collision.what, collision.value, collision.owner));
      continue;
    }
    const problems = addedFieldProblems(document, path, registry);
    if (problems.length) {
      state.problems.push(...problems);
      continue;
    }
    const copy = copyJson(document);
    entity.fields.push(copy);
    state.fields.get(entity.key)?.set(copy.key, copy);
    namespace.add(copy, layer);
    recordProvenance(state, layerPaths.element(entity.key, copy.key), copy, layer);
  }
}
