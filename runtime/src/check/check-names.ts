import { ENTITY_NAME_PATTERN, FIELD_NAME_PATTERN, inflection } from '../naming/inflection.js';
import { isReservedEntityName, isReservedFieldName } from '../naming/reserved-words.js';
import { SYSTEM_FIELD_KEYS, SYSTEM_FIELD_NAMES } from '../model/system-fields.js';
import { problem, type Problem } from '../problems/problem.js';
import type { FieldDocument } from '../documents/entity.document.js';
import type { CheckContext } from './check-context.js';

/**
 * Names must be safe as SQL identifiers and GraphQL names, free of reserved
 * words, and unique where they end up in one namespace (tables, query names,
 * columns of one table).
 */
export function checkNames(context: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const seen = { key: new Map<string, string>(), name: new Map<string, string>(), table: new Map<string, string>(), plural: new Map<string, string>() };
  for (const { document: entity, path } of context.entities) {
    if (!ENTITY_NAME_PATTERN.test(entity.name)) {
      problems.push(problem('entity.bad-name', `${path}.name`, `Entity name "${entity.name}" is not a valid name`, 'Use PascalCase letters and digits, e.g. OrderItem'));
    } else if (isReservedEntityName(entity.name)) {
      problems.push(problem('entity.reserved-name', `${path}.name`, `Entity name "${entity.name}" is reserved`, 'Choose another name, e.g. prefix it with your business term'));
    }
    if (entity.pluralName !== undefined && !FIELD_NAME_PATTERN.test(entity.pluralName)) {
      problems.push(problem('entity.bad-name', `${path}.pluralName`, `Plural name "${entity.pluralName}" is not a valid name`, 'Use camelCase, e.g. orderItems'));
    }
    const plural = entity.pluralName ?? inflection.pluralQueryName(entity.name);
    if (plural === entity.name.charAt(0).toLowerCase() + entity.name.slice(1)) {
      problems.push(problem('entity.plural-equals-name', `${path}.pluralName`, `Plural name "${plural}" equals the singular`, 'Set pluralName to a different word'));
    }
    remember(seen.key, entity.key, path, 'entity.duplicate-key', `Entity key "${entity.key}"`, problems, `${path}.key`);
    remember(seen.name, entity.name.toLowerCase(), path, 'entity.duplicate-name', `Entity name "${entity.name}"`, problems, `${path}.name`);
    remember(seen.table, inflection.tableName(entity.name), path, 'entity.duplicate-table', `Table "${inflection.tableName(entity.name)}"`, problems, `${path}.name`);
    remember(seen.plural, plural, path, 'entity.duplicate-plural', `Query name "${plural}"`, problems, `${path}.pluralName`);
  }
  for (const entity of context.entities) problems.push(...checkFieldNames(entity));
  return problems;
}

function checkFieldNames(entity: CheckContext['entities'][number]): Problem[] {
  const problems: Problem[] = [];
  const keys = new Map<string, string>();
  const names = new Map<string, string>();
  const columns = new Map<string, string>();
  for (const field of entity.fields) {
    const { document, path } = field;
    if (!field.system) {
      const bad = fieldNameProblem(document, path);
      if (bad) {
        problems.push(bad);
        continue;
      }
    }
    remember(keys, document.key, path, 'field.duplicate-key', `Field key "${document.key}"`, problems, `${path}.key`);
    remember(names, document.name.toLowerCase(), path, 'field.duplicate-name', `Field name "${document.name}"`, problems, `${path}.name`);
    const column = field.type?.relation === 'reference' ? inflection.referenceColumnName(document.name) : inflection.columnName(document.name);
    if (field.type && field.settings && field.type.storage(field.settings) !== null) {
      remember(columns, column, path, 'field.duplicate-column', `Column "${column}"`, problems, `${path}.name`);
    }
  }
  return problems;
}

/** What is wrong with a user field's key or name on its own (not counting the other fields), if anything. */
export function fieldNameProblem(document: FieldDocument, path: string): Problem | undefined {
  if (SYSTEM_FIELD_KEYS.has(document.key)) {
    return problem('field.system-key', `${path}.key`, `Field key "${document.key}" belongs to a system field`, 'Choose another key');
  }
  if (SYSTEM_FIELD_NAMES.has(document.name)) {
    return problem('field.system-name', `${path}.name`, `Field name "${document.name}" belongs to a system field every entity already has`, 'Choose another name');
  }
  if (!FIELD_NAME_PATTERN.test(document.name)) {
    return problem('field.bad-name', `${path}.name`, `Field name "${document.name}" is not a valid name`, 'Use camelCase letters and digits starting with a lower-case letter, e.g. idNumber');
  }
  if (isReservedFieldName(document.name)) {
    return problem('field.reserved-name', `${path}.name`, `Field name "${document.name}" is a reserved word`, 'Choose another name, e.g. add a business term: orderGroup instead of group');
  }
  return undefined;
}

function remember(
  seen: Map<string, string>,
  value: string,
  path: string,
  code: string,
  what: string,
  problems: Problem[],
  problemPath: string,
): void {
  const first = seen.get(value);
  if (first !== undefined) {
    problems.push(problem(code, problemPath, `${what} is used twice (first at ${first})`, 'Names and keys must be unique; rename one of them'));
  } else {
    seen.set(value, path);
  }
}
