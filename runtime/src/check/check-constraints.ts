import { problem, type Problem } from '../problems/problem.js';
import { valueError } from '../field-types/value-error.js';
import type { CheckContext, ResolvedEntity, ResolvedField } from './check-context.js';

/**
 * Constraints must make sense for the field they sit on: no `unique` or
 * `indexed` without a column, no `required` on values users never write,
 * defaults that are valid values, indexes over stored fields.
 */
export function checkConstraints(context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const entity of context.entities) {
    for (const field of entity.fields) if (!field.system) problems.push(...checkField(field));
    problems.push(...checkIndexes(entity), ...checkTitleField(entity));
  }
  return problems;
}

function checkField(field: ResolvedField): Problem[] {
  const { document, path, type, settings } = field;
  if (!type || !settings) return [];
  const problems: Problem[] = [];
  const stored = type.storage(settings) !== null || type.name === 'formula';
  if (!stored && (document.unique || document.indexed)) {
    problems.push(problem('field.constraint-without-column', path, `Field "${document.name}" (${type.name}) has no column, so it cannot be unique or indexed`, 'Remove unique/indexed from this field'));
  }
  if (type.readOnly && document.required) {
    problems.push(problem('field.required-read-only', `${path}.required`, `Field "${document.name}" (${type.name}) is computed, so "required" has no meaning`, 'Remove required from this field'));
  }
  if (type.list && document.unique && stored) {
    problems.push(problem('field.unique-list', `${path}.unique`, `Field "${document.name}" holds a list and cannot be unique`, 'Remove unique from this field'));
  }
  if (document.default !== undefined && document.default !== null) {
    if (type.readOnly || type.relation === 'oneToMany') {
      problems.push(problem('field.default-read-only', `${path}.default`, `Field "${document.name}" (${type.name}) is computed and cannot have a default`, 'Remove the default'));
    } else {
      const invalid = valueError(type, document.default, settings);
      if (invalid) problems.push(problem('field.bad-default', `${path}.default`, `Default of "${document.name}" is not a valid value: ${invalid.message}`, invalid.hint));
    }
  }
  return problems;
}

function checkIndexes(entity: ResolvedEntity): Problem[] {
  const problems: Problem[] = [];
  const keys = new Set<string>();
  for (const index of entity.document.indexes ?? []) {
    const path = `${entity.path}.indexes[${index.key}]`;
    if (keys.has(index.key)) problems.push(problem('index.duplicate-key', `${path}.key`, `Index key "${index.key}" is used twice`, 'Give each index its own key'));
    keys.add(index.key);
    const seen = new Set<string>();
    for (const fieldKey of index.fields) {
      const field = entity.fields.find((f) => f.document.key === fieldKey);
      if (!field) {
        problems.push(problem('index.unknown-field', `${path}.fields`, `Index "${index.key}" names field "${fieldKey}", which this entity does not have`, `Fields are named by key: ${entity.fields.map((f) => f.document.key).join(', ')}`));
      } else if (field.type && field.settings && field.type.storage(field.settings) === null && field.type.name !== 'formula') {
        problems.push(problem('index.field-without-column', `${path}.fields`, `Index "${index.key}" names "${fieldKey}", which has no column`, 'Index only stored fields'));
      }
      if (seen.has(fieldKey)) problems.push(problem('index.repeated-field', `${path}.fields`, `Index "${index.key}" names "${fieldKey}" twice`, 'List each field once'));
      seen.add(fieldKey);
    }
  }
  return problems;
}

function checkTitleField(entity: ResolvedEntity): Problem[] {
  const key = entity.document.titleField;
  if (key === undefined) return [];
  const field = entity.fields.find((f) => f.document.key === key);
  if (!field) {
    return [problem('entity.unknown-title-field', `${entity.path}.titleField`, `Title field "${key}" is not a field of "${entity.document.key}"`, 'Name a field by its key')];
  }
  if (field.type?.list || field.type?.relation) {
    return [problem('entity.bad-title-field', `${entity.path}.titleField`, `Title field "${key}" must be a single value, not a ${field.type.name}`, 'Choose a text-like field such as a name or number')];
  }
  return [];
}
