import type { FieldDocument } from '../documents/entity.document.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { valueError } from '../field-types/value-error.js';
import { fieldNameProblem } from '../check/check-names.js';
import { resolveField } from '../check/resolve-set.js';
import type { Problem } from '../problems/problem.js';
import { layerProblems } from './layer-problems.js';

/**
 * What is wrong with a field a layer adds, apart from collisions: its column
 * must be nullable (rows of every other subtree share the table and have no
 * value), its type and settings must resolve, and its default must be a
 * value, and its name must be a valid name on its own. Relations and
 * formulas are checked when the effective set is compiled.
 */
export function addedFieldProblems(document: FieldDocument, path: string, registry: FieldTypeRegistry): Problem[] {
  const problems: Problem[] = [];
  const badName = fieldNameProblem(document, path);
  if (badName) problems.push(badName);
  if (document.required === true) problems.push(layerProblems.addedFieldRequired(path, document.key));
  const resolved = resolveField(document, path, registry, problems, false);
  if (resolved.type && resolved.settings && document.default !== undefined && document.default !== null) {
    const invalid = valueError(resolved.type, resolved.settings, document.default);
    if (invalid) problems.push(layerProblems.badDefault(`${path}.default`, invalid.message, invalid.hint));
  }
  return problems;
}
