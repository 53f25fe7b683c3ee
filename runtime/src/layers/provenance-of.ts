import type { EffectiveMetadata } from './effective-metadata.js';
import { elementProperty } from './element-property.js';
import { CORE_LAYER_KEY } from './layer.document.js';
import { layerPaths } from './layer-paths.js';

/**
 * Which layer set each property of one element of the effective set: what
 * `provenance` names, and `core` for every other property the element has.
 * Undefined when the unit's effective set has no such element.
 */
export function provenanceOf(effective: EffectiveMetadata, entityKey: string, fieldKey?: string): Record<string, string> | undefined {
  const entity = effective.set.entities.find((e) => e.key === entityKey);
  const element = fieldKey === undefined ? entity : entity?.fields.find((f) => f.key === fieldKey);
  if (!element) return undefined;
  const recorded = effective.provenance[layerPaths.element(entityKey, fieldKey)] ?? {};
  const complete: Record<string, string> = {};
  elementProperty.forEachName(element, effective.defaultLanguage, (name) => (complete[name] = recorded[name] ?? CORE_LAYER_KEY));
  return { ...complete, ...recorded };
}
