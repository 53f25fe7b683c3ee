import type { MetadataSet } from '../documents/entity.document.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { canonicalJson } from '../model/model-hash.js';
import type { Problem } from '../problems/problem.js';
import { foldLayers, type FoldOptions } from './fold-layers.js';
import type { LayerDocument } from './layer.document.js';
import { layerPaths } from './layer-paths.js';
import { layerProblems } from './layer-problems.js';

export interface LayerEdit {
  /**
   * Layer keys the editor may edit: their own unit's and those below it.
   * The platform derives them from the org tree and the editor's roles.
   */
  readonly editable: readonly string[];
  readonly base: MetadataSet;
  /** The layers above the edited one, top-down. */
  readonly above: readonly LayerDocument[];
  /** The layer as stored now; absent for a new layer. */
  readonly before?: LayerDocument;
  readonly after: LayerDocument;
}

/**
 * Whether an editor may make this edit: the layer must be in their scope
 * (`layer.edit-forbidden`), and nothing they add or change may be locked by
 * a layer above (`layer.locked`). Entries they leave as they were or remove
 * pass: dropping an override that a layer above has since locked is how the
 * conflict it caused is resolved. Whether the values are valid is the fold's
 * to say, at plan time.
 */
export function checkLayerEdit(edit: LayerEdit, registry: FieldTypeRegistry, options: FoldOptions = {}): Problem[] {
  const keys = new Set([edit.after.key, ...(edit.before ? [edit.before.key] : [])]);
  const forbidden = [...keys].filter((key) => !edit.editable.includes(key));
  if (forbidden.length) return forbidden.map((key) => layerProblems.editForbidden(layerPaths.layer(key), key, edit.editable));

  const before = edit.before ? entriesOf(edit.before) : new Map<string, string>();
  const changed = new Set([...entriesOf(edit.after)].filter(([path, json]) => before.get(path) !== json).map(([path]) => path));
  if (changed.size === 0) return [];
  const folded = foldLayers(edit.base, [...edit.above, edit.after], registry, options);
  return folded.problems.filter((p) => p.code === 'layer.locked' && changed.has(p.path));
}

/** Every entry of a layer that a lock can refuse, by the path the fold reports it at. */
function entriesOf(layer: LayerDocument): Map<string, string> {
  const entries = new Map<string, string>();
  const addMarksAndSets = (overlayPath: string, overlay: { set?: Record<string, unknown>; overridable?: readonly string[] }) => {
    for (const [property, override] of Object.entries(overlay.set ?? {})) entries.set(layerPaths.set(overlayPath, property), canonicalJson(override));
    for (const property of overlay.overridable ?? []) entries.set(layerPaths.mark(overlayPath, 'overridable', property), 'true');
  };
  for (const entity of layer.entities) {
    const entityPath = layerPaths.entity(layer.key, entity.key);
    addMarksAndSets(entityPath, entity);
    for (const field of entity.addFields ?? []) entries.set(layerPaths.addedField(layer.key, entity.key, field.key), canonicalJson(field));
    for (const rule of entity.addValidations ?? []) entries.set(layerPaths.addedValidation(layer.key, entity.key, rule.key), canonicalJson(rule));
    for (const field of entity.fields ?? []) addMarksAndSets(layerPaths.field(layer.key, entity.key, field.key), field);
  }
  return entries;
}
