import { elementProperty } from './element-property.js';
import { lockOf, lockScope, type FoldElement, type FoldState } from './fold-state.js';
import type { FieldOverlay } from './layer.document.js';
import { layerPaths } from './layer-paths.js';
import { layerProblems } from './layer-problems.js';

/**
 * Records what a layer locks and opens for the layers below it. Runs after
 * the layer's own changes, so a layer never binds itself. A lock already set
 * above keeps its owner; opening what is fixed, or what is locked for this
 * layer, is refused.
 */
export function applyLayerMarks(state: FoldState, layer: string, element: FoldElement, overlayPath: string, marks: Pick<FieldOverlay, 'lock' | 'overridable'>): void {
  for (const property of marks.overridable ?? []) {
    const path = layerPaths.mark(overlayPath, 'overridable', property);
    const lockedBy = lockOf(state.locks, lockScope(element), property);
    if (elementProperty.isFixed(element.kind, property)) state.problems.push(layerProblems.fixedProperty(path, property));
    else if (lockedBy !== undefined) state.problems.push(layerProblems.locked(path, `"${property}" of ${element.path}`, lockedBy));
    else (state.overridable[element.path] ??= {})[property] = layer;
  }
  for (const target of marks.lock ?? []) {
    const locks = (state.locks[element.path] ??= {});
    locks[target] ??= layer;
  }
}
