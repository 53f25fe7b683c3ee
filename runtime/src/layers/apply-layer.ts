import type { EntityDocument } from '../documents/entity.document.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { applyAddedFields } from './apply-added-fields.js';
import { applyLayerMarks } from './apply-layer-marks.js';
import { applyPropertySets } from './apply-property-sets.js';
import { entityElement, fieldElement, lockOf, type FoldElement, type FoldState } from './fold-state.js';
import type { LayerDocument, ValidationRuleDocument } from './layer.document.js';
import { copyJson } from './copy-json.js';
import { layerPaths } from './layer-paths.js';
import { layerProblems } from './layer-problems.js';

/**
 * Folds one layer into the state: per entity, its added fields first (so the
 * layer may set properties of its own fields), then its properties, its
 * fields' properties and its validations; the layer's locks and overridable
 * marks last, as they bind only the layers below.
 */
export function applyLayer(state: FoldState, registry: FieldTypeRegistry, layer: LayerDocument): void {
  const marks: Array<() => void> = [];
  const entities = new Set<string>();
  for (const overlay of layer.entities) {
    const overlayPath = layerPaths.entity(layer.key, overlay.key);
    // Twice in one layer, the second overlay would seem to conflict with the first: one overlay per element.
    if (once(state, entities, overlay.key, overlayPath)) continue;
    const entity = entityElement(state, overlay.key);
    if (!entity) {
      state.problems.push(layerProblems.unknownEntity(overlayPath, overlay.key));
      continue;
    }
    if (overlay.addFields) applyAddedFields(state, registry, layer.key, entity.entity, overlay.addFields);
    if (overlay.set) applyPropertySets(state, registry, layer.key, entity, overlayPath, overlay.set);
    marks.push(() => applyLayerMarks(state, layer.key, entity, overlayPath, overlay));
    const fields = new Set<string>();
    for (const fieldOverlay of overlay.fields ?? []) {
      const fieldPath = layerPaths.field(layer.key, overlay.key, fieldOverlay.key);
      if (once(state, fields, fieldOverlay.key, fieldPath)) continue;
      const field = fieldElement(state, entity.entity, fieldOverlay.key);
      if (!field) {
        state.problems.push(layerProblems.unknownField(fieldPath, overlay.key, fieldOverlay.key));
        continue;
      }
      if (fieldOverlay.set) applyPropertySets(state, registry, layer.key, field, fieldPath, fieldOverlay.set);
      marks.push(() => applyLayerMarks(state, layer.key, field, fieldPath, fieldOverlay));
    }
    if (overlay.addValidations) applyAddedValidations(state, layer.key, entity, overlay.addValidations);
  }
  for (const mark of marks) mark();
}

/** True (and a problem) when `key` was seen before in the same list. */
function once(state: FoldState, seen: Set<string>, key: string, path: string): boolean {
  if (!seen.has(key)) {
    seen.add(key);
    return false;
  }
  state.problems.push(layerProblems.duplicateOverlay(path, key));
  return true;
}

function applyAddedValidations(state: FoldState, layer: string, element: FoldElement, rules: readonly ValidationRuleDocument[]): void {
  const entity: EntityDocument = element.entity;
  const lockedBy = lockOf(state.locks, { path: element.path, entityPath: element.path }, 'addValidations');
  const validations = state.validations.get(entity.key) ?? new Map();
  state.validations.set(entity.key, validations);
  for (const rule of rules) {
    const path = layerPaths.addedValidation(layer, entity.key, rule.key);
    const existing = validations.get(rule.key);
    if (lockedBy !== undefined) state.problems.push(layerProblems.locked(path, `Adding validations to ${element.path}`, lockedBy));
    else if (existing) state.problems.push(layerProblems.duplicateValidation(path, rule.key, existing.layer));
    else {
      validations.set(rule.key, { layer, rule: copyJson(rule) });
      const provenance: Record<string, string> = (state.provenance[layerPaths.validation(entity.key, rule.key)] ??= {});
      for (const property of Object.keys(rule)) provenance[property] = layer;
    }
  }
}
