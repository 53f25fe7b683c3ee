import { canonicalJson } from '../model/model-hash.js';
import { problem, type Problem } from '../problems/problem.js';
import type { LayerConflict } from './effective-metadata.js';

const shown = (value: unknown) => (value === null || value === undefined ? 'nothing' : canonicalJson(value));

/** Every layer problem, one factory per situation, so codes and wording live in one place. */
export const layerProblems = {
  duplicateLayer: (path: string, layer: string): Problem =>
    problem('layer.duplicate-layer', path, `Layer "${layer}" appears twice on the path`, 'Give each org unit on the path at most one layer'),
  unknownLayer: (path: string, layer: string): Problem =>
    problem('layer.unknown-layer', path, `There is no layer "${layer}" in this version`, 'Name layers by their key, top-down'),
  duplicateOverlay: (path: string, key: string): Problem =>
    problem('layer.duplicate-overlay', path, `"${key}" is listed twice in this layer`, 'Merge the two entries into one'),
  unknownProperty: (path: string, property: string): Problem =>
    problem('layer.unknown-property', path, `Fields have no "${property}"`, 'Fields have a label; entities have a label and a plural label'),
  unknownEntity: (path: string, entity: string): Problem =>
    problem('layer.unknown-entity', path, `Entity "${entity}" is not in the metadata the layers above give`, 'Name an existing entity by its key'),
  unknownField: (path: string, entity: string, field: string): Problem =>
    problem('layer.unknown-field', path, `Entity "${entity}" has no field "${field}" at this layer`, 'Name a field by its key; add new fields under addFields'),
  locked: (path: string, what: string, lockedBy: string): Problem =>
    problem('layer.locked', path, `${what} is locked by layer "${lockedBy}"`, `Ask the admins of "${lockedBy}" to unlock it, or leave it as it is`),
  notOverridable: (path: string, property: string, element: string): Problem =>
    problem('layer.not-overridable', path, `"${property}" of ${element} is not marked overridable by a layer above`, 'Only labels, defaults, option subsets and hiding are free; a layer above must list anything else under overridable'),
  fixedProperty: (path: string, property: string): Problem =>
    problem('layer.fixed-property', path, `"${property}" is the same for every org unit and no layer may set it`, 'Keys, names, types and what changes the shared table belong to the base metadata; add a validation to restrict values instead'),
  storageChange: (path: string, property: string): Problem =>
    problem('layer.storage-change', path, `Setting "${property}" would change the column that every org unit shares`, 'Add a validation to restrict values in this subtree instead'),
  fieldTaken: (path: string, what: 'key' | 'name' | 'column', value: string, owner: string): Problem =>
    problem('layer.field-taken', path, `The ${what} "${value}" is already used by a field of layer "${owner}"`, 'Added fields share one table with every other subtree: choose another key and name'),
  storageCollision: (path: string, what: 'key' | 'name' | 'column', value: string, owner: string): Problem =>
    problem('layer.storage-collision', path, `The ${what} "${value}" is also used by a field of layer "${owner}" in the shared table`, 'Fields added in different subtrees share one table: give each its own key and name'),
  addedFieldRequired: (path: string, field: string): Problem =>
    problem('layer.added-field-required', `${path}.required`, `Added field "${field}" cannot be required: rows of other org units have no value, so its column must be nullable`, 'Remove required and add a validation for this subtree'),
  badValue: (path: string, message: string, hint?: string): Problem => problem('layer.bad-value', path, message, hint),
  notASubset: (path: string, values: readonly string[], offered: readonly string[]): Problem =>
    problem('layer.not-a-subset', path, `Options ${values.map((v) => `"${v}"`).join(', ')} are not offered by the layers above`, `Choose among: ${offered.join(', ')}`),
  badDefault: (path: string, message: string, hint?: string): Problem => problem('layer.bad-default', path, `The default is not a valid value: ${message}`, hint),
  hiddenRequired: (path: string, field: string): Problem =>
    problem('layer.hidden-required', path, `Field "${field}" is required and has no default, so it cannot be hidden`, 'Set a default in the same layer first'),
  duplicateValidation: (path: string, rule: string, owner: string): Problem =>
    problem('layer.duplicate-validation', path, `Validation "${rule}" is already defined by layer "${owner}"`, 'Give the rule its own key'),
  editForbidden: (path: string, layer: string, editable: readonly string[]): Problem =>
    problem('layer.edit-forbidden', path, `You may not edit layer "${layer}"`, editable.length ? `You may edit: ${editable.join(', ')}` : 'You may edit no layer'),
  unknownOverride: (path: string, layer: string, c: LayerConflict): Problem =>
    problem('layer.unknown-override', path, `Layer "${layer}" does not override ${c.property} of ${c.element}`, `Resolve the conflict in layer "${c.layer}"`),
  conflict: (path: string, c: LayerConflict): Problem =>
    problem(
      'layer.conflict',
      path,
      `Layer "${c.layer}" overrode ${c.property} of ${c.element} when it was ${shown(c.base)}; layer "${c.changedBy}" has changed it to ${shown(c.current)} since, and "${c.layer}" still gives ${shown(c.value)}`,
      `The admins of "${c.layer}" re-confirm the override against ${shown(c.current)} or drop it`,
    ),
};
