import { failed, ok, type Checked } from '../problems/problem.js';
import type { LayerConflict } from './effective-metadata.js';
import type { LayerDocument, PropertyOverride } from './layer.document.js';
import { copyJson } from './copy-json.js';
import { layerPaths } from './layer-paths.js';
import { layerProblems } from './layer-problems.js';

export type ConflictResolution =
  /** Keep overriding, against the new base; optionally with a new value. */
  | { readonly action: 'reconfirm'; readonly value?: PropertyOverride['value'] }
  /** Stop overriding: the layers above decide again. */
  | { readonly action: 'drop' };

/**
 * The conflicting layer as its admins resolve a conflict: the override's
 * `base` becomes what the layers above give now (so the next fold sees no
 * conflict), or the override goes. Returns a new document.
 */
export function resolveLayerConflict(layer: LayerDocument, conflict: LayerConflict, resolution: ConflictResolution): Checked<LayerDocument> {
  const resolved = copyJson(layer);
  const entity = resolved.entities.find((e) => e.key === conflict.entity);
  const owner = conflict.field === undefined ? entity : entity?.fields?.find((f) => f.key === conflict.field);
  const override = owner?.set?.[conflict.property];
  if (conflict.layer !== layer.key || !owner?.set || !override) {
    return failed([layerProblems.unknownOverride(layerPaths.layer(layer.key), layer.key, conflict)]);
  }
  if (resolution.action === 'drop') {
    delete owner.set[conflict.property];
    if (Object.keys(owner.set).length === 0) delete owner.set;
  } else {
    owner.set[conflict.property] = { value: resolution.value === undefined ? override.value : resolution.value, base: conflict.current as PropertyOverride['base'] };
  }
  return ok(resolved);
}
