import type { MetadataSet } from '../documents/entity.document.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { applyLayer } from './apply-layer.js';
import type { EffectiveMetadata, EffectiveValidation } from './effective-metadata.js';
import { createFoldState, type FoldState } from './fold-state.js';
import type { LayerDocument } from './layer.document.js';
import { layerPaths } from './layer-paths.js';
import { layerProblems } from './layer-problems.js';

export interface FoldOptions {
  /** The language a plain-text label counts as when a layer relabels per language. Default `en`. */
  readonly defaultLanguage?: string;
}

/**
 * The effective metadata of one org unit: the layers on its path, top-down
 * (`group`, the province, …, the unit's own), folded over the base set.
 * Pure: neither the base set nor the layers are changed, and bad layers give
 * problems, never exceptions. Cost: one deep copy of the base set,
 * then work in proportion to what the layers say.
 */
export function foldLayers(
  base: MetadataSet,
  layers: readonly LayerDocument[],
  registry: FieldTypeRegistry,
  options: FoldOptions = {},
): EffectiveMetadata {
  const state = createFoldState(base, options.defaultLanguage ?? 'en');
  const folded: string[] = [];
  for (const layer of layers) {
    if (folded.includes(layer.key)) {
      state.problems.push(layerProblems.duplicateLayer(layerPaths.layer(layer.key), layer.key));
      continue;
    }
    folded.push(layer.key);
    applyLayer(state, registry, layer);
  }
  return effectiveMetadataOf(state, folded);
}

function effectiveMetadataOf(state: FoldState, layers: string[]): EffectiveMetadata {
  const hiddenFields: Record<string, string[]> = {};
  for (const [entity, fields] of state.hidden) if (fields.size) hiddenFields[entity] = [...fields.keys()];
  const validations: Record<string, EffectiveValidation[]> = {};
  for (const [entity, rules] of state.validations) if (rules.size) validations[entity] = [...rules.values()];
  return {
    layers,
    defaultLanguage: state.defaultLanguage,
    set: state.set,
    hiddenFields,
    validations,
    provenance: state.provenance,
    locks: state.locks,
    overridable: state.overridable,
    conflicts: state.conflicts,
    problems: state.problems,
  };
}
