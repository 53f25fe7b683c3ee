import { canonicalJson } from '../model/model-hash.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import type { Problem } from '../problems/problem.js';
import { checkPropertyValue } from './check-property-value.js';
import { copyJson } from './copy-json.js';
import { elementProperty } from './element-property.js';
import { lockOf, lockScope, type FoldElement, type FoldState } from './fold-state.js';
import { CORE_LAYER_KEY, type PropertyOverride } from './layer.document.js';
import { layerPaths } from './layer-paths.js';
import { layerProblems } from './layer-problems.js';

/**
 * Default before options: a new default is checked against the options
 * offered above, then a subset against the default now in place, so a
 * layer may set both at once.
 */
const ORDER = (property: string) => (property === 'default' ? 0 : property === 'options' ? 1 : 2);

/**
 * Applies one layer's `set` on one element. Each property is refused (locked,
 * fixed, not overridable, a bad value) or applied. An applied property whose
 * `base` is no longer what the layers above give, and whose value differs
 * from what they give now, is a conflict: reported, and the lower layer's
 * value still applies, so its users keep what their admins set until they
 * re-confirm or drop it; publish waits for that.
 */
export function applyPropertySets(
  state: FoldState,
  registry: FieldTypeRegistry,
  layer: string,
  element: FoldElement,
  overlayPath: string,
  set: Readonly<Record<string, PropertyOverride>>,
): void {
  const entries = Object.entries(set).sort(([a], [b]) => ORDER(a) - ORDER(b));
  for (const [property, override] of entries) {
    const path = layerPaths.set(overlayPath, property);
    const refused = refusal(state, element, property, path);
    if (refused) {
      state.problems.push(refused);
      continue;
    }
    const invalid = checkPropertyValue({ element, property, value: override.value, path, registry, defaultLanguage: state.defaultLanguage });
    if (invalid.length) {
      state.problems.push(...invalid);
      continue;
    }
    const current = currentValue(state, element, property);
    // Both sides making the same change is no conflict (the 3-way rule: theirs = ours).
    if (!sameValue(current, override.base) && !sameValue(current, override.value)) {
      const changedBy = state.provenance[element.path]?.[property] ?? CORE_LAYER_KEY;
      const conflict = {
        element: element.path,
        entity: element.entity.key,
        ...(element.fieldKey === undefined ? {} : { field: element.fieldKey }),
        property,
        layer,
        changedBy,
        // Copies: the result is frozen when cached, and must not freeze the caller's layer.
        base: copyJson(override.base),
        current: copyJson(current),
        value: copyJson(override.value),
      };
      state.conflicts.push(conflict);
      state.problems.push(layerProblems.conflict(path, conflict));
    }
    write(state, element, property, copyJson(override.value), layer);
  }
}

/** Why a layer may not set this property at all, before its value is looked at. */
function refusal(state: FoldState, element: FoldElement, property: string, path: string): Problem | undefined {
  if (element.kind === 'field' && property.startsWith('pluralLabel.')) return layerProblems.unknownProperty(path, property);
  const lockedBy = lockOf(state.locks, lockScope(element), property);
  if (lockedBy !== undefined) return layerProblems.locked(path, `"${property}" of ${element.path}`, lockedBy);
  if (elementProperty.isFixed(element.kind, property)) return layerProblems.fixedProperty(path, property);
  if (!elementProperty.isFree(element.kind, property) && state.overridable[element.path]?.[property] === undefined) {
    return layerProblems.notOverridable(path, property, element.path);
  }
  return undefined;
}

function currentValue(state: FoldState, element: FoldElement, property: string): unknown {
  if (property !== 'hidden') return elementProperty.read(element.document, property);
  return element.fieldKey !== undefined && state.hidden.get(element.entity.key)?.has(element.fieldKey) === true;
}

function write(state: FoldState, element: FoldElement, property: string, value: unknown, layer: string): void {
  if (property === 'hidden' && element.fieldKey !== undefined) {
    const hidden = state.hidden.get(element.entity.key) ?? new Map<string, string>();
    state.hidden.set(element.entity.key, hidden);
    if (value === true) hidden.set(element.fieldKey, layer);
    else hidden.delete(element.fieldKey);
  } else {
    elementProperty.write(element.document, property, value, state.defaultLanguage);
  }
  (state.provenance[element.path] ??= {})[property] = layer;
}

/** JSON equality; most values are texts and numbers, compared without serialising. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && canonicalJson(a) === canonicalJson(b);
}
