import type { CompiledEntity, CompiledField, CompiledModel } from '../compile/compiled-model.js';
import type { FilterOperator } from '../field-types/field-type.js';
import { closeFieldNames } from '../formula/close-field-names.js';
import { problem, type Problem } from '../problems/problem.js';
import { isListOperator, isUserOperand, REFERENCE_OPERATORS, USER_OPERAND_PARTS, userOperand } from './record-filter.js';

/**
 * Checks a filter against an entity as the API would accept it: known
 * fields, operators the field's type offers, operands its type decodes
 * (each element of a list operand), nested filters through references
 * (`is`) and related lists (`some`, `none`) against their target. Every
 * problem, at its path (`views[arrears].filter.status.eq`).
 */
export function checkFilter(model: CompiledModel, entity: CompiledEntity, filter: unknown, path: string): Problem[] {
  const problems: Problem[] = [];
  walk(model, entity, filter, path, problems);
  return problems;
}

function walk(model: CompiledModel, entity: CompiledEntity, filter: unknown, path: string, problems: Problem[]): void {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) return void problems.push(problem('filter.bad-shape', path, 'a filter is an object of field names, and, or, not'));
  for (const [name, value] of Object.entries(filter)) {
    const at = `${path}.${name}`;
    if (name === 'and' || name === 'or') {
      if (!Array.isArray(value)) problems.push(problem('filter.bad-shape', at, `"${name}" takes a list of filters`));
      else value.forEach((child, index) => walk(model, entity, child, `${at}[${index}]`, problems));
      continue;
    }
    if (name === 'not') {
      walk(model, entity, value, at, problems);
      continue;
    }
    const field = entity.fieldByName(name);
    if (!field) {
      const names = entity.fields.map((f) => f.name);
      const close = closeFieldNames(name, (n) => (names.includes(n) ? 'text' : undefined), names);
      problems.push(problem('filter.unknown-field', at, `${entity.name} has no field "${name}" to filter on`, close.length ? `did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : undefined));
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(problem('filter.bad-shape', at, `"${name}" takes operators, such as { eq: … }`));
      continue;
    }
    checkField(model, field, value as Record<string, unknown>, at, problems);
  }
}

function checkField(model: CompiledModel, field: CompiledField, condition: Record<string, unknown>, path: string, problems: Problem[]): void {
  const relation = field.relation;
  const target = relation ? model.entityByKey(relation.target) : undefined;
  const nested = relation?.kind === 'reference' ? ['is'] : relation ? ['some', 'none'] : [];
  const operators: readonly string[] = relation?.kind === 'reference' ? REFERENCE_OPERATORS : relation ? [] : field.type.filterOperators;
  for (const [op, operand] of Object.entries(condition)) {
    const at = `${path}.${op}`;
    if (nested.includes(op) && target) {
      walk(model, target, operand, at, problems);
      continue;
    }
    if (!operators.includes(op)) {
      problems.push(problem('filter.bad-operator', at, `Field "${field.name}" (${field.typeName}) cannot be filtered with "${op}"`, `Use one of: ${[...operators, ...nested].join(', ')}`));
      continue;
    }
    if (isUserOperand(operand)) {
      const part = userOperand(operand);
      if (!part) problems.push(problem('filter.bad-value', at, `{ $user: … } is one of ${USER_OPERAND_PARTS.join(', ')}`));
      else if ((part === 'unitPath' || part === 'roles') !== isListOperator(op)) problems.push(problem('filter.bad-value', at, `$user.${part} is ${part === 'unitPath' || part === 'roles' ? 'a list: use in or notIn' : 'one value: use eq or ne'}`));
      continue;
    }
    if (op === 'isNull') {
      if (typeof operand !== 'boolean') problems.push(problem('filter.bad-value', at, 'isNull takes true or false'));
      continue;
    }
    if (isListOperator(op)) {
      if (!Array.isArray(operand)) problems.push(problem('filter.bad-value', at, `"${op}" takes a list of values`));
      else operand.forEach((element, index) => checkOperand(field, op as FilterOperator, element, `${at}[${index}]`, problems));
      continue;
    }
    checkOperand(field, op as FilterOperator, operand, at, problems);
  }
}

function checkOperand(field: CompiledField, op: FilterOperator, value: unknown, path: string, problems: Problem[]): void {
  if (value === null) return void problems.push(problem('filter.bad-value', path, `compare with null through isNull, not "${op}"`));
  if (field.formula || op === 'contains' || op === 'startsWith') {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') problems.push(problem('filter.bad-value', path, `Filter value for "${field.name}" must be a text, number or boolean`));
    return;
  }
  const decoded = field.type.decode(field.type.list && !Array.isArray(value) ? [value] : value, field.settings);
  if (!decoded.ok) return void problems.push(problem('filter.bad-value', path, `Filter value for "${field.name}": ${decoded.message}`, decoded.hint));
  const invalid = field.type.validate(decoded.value, field.settings);
  if (invalid) problems.push(problem('filter.bad-value', path, `Filter value for "${field.name}": ${invalid.message}`, invalid.hint));
}
