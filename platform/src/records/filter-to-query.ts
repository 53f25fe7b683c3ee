import type { CompiledEntity, CompiledField, CompiledModel, FilterOperator } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { withScope } from '../security/row-scope.js';

/** What a filter may reach: fields the actor can read, and related records within their scope. */
export interface FilterGuard {
  fieldReadable(entity: CompiledEntity, field: CompiledField): boolean;
  mayRead(entity: CompiledEntity): boolean;
  filter(entity: CompiledEntity, operation: 'read'): Record<string, unknown> | null;
}

/** A filter as the generated API receives it: `{ name: { startsWith: "Zh" }, customer: { is: { city: { eq: "成都" } } }, or: [...] }`. */
export type RecordFilter = Record<string, unknown>;

const OPERATOR_TO_ORM: Record<Exclude<FilterOperator, 'contains' | 'startsWith' | 'isNull'>, string> = {
  eq: '$eq', ne: '$ne', in: '$in', notIn: '$nin', lt: '$lt', lte: '$lte', gt: '$gt', gte: '$gte', hasAny: '$overlap', hasAll: '$contains',
};

/**
 * Translates an API filter into a MikroORM filter query. Every operand is
 * decoded by its field type first, so a filter value is held to the same
 * rules as a stored one, and a bad value names its path in the filter.
 * With a guard, a filter can neither name a field the actor cannot read nor
 * match through a related record outside their scope: either would let
 * them infer what they may not see.
 */
export function filterToQuery(model: CompiledModel, entity: CompiledEntity, filter: RecordFilter | null | undefined, path = 'filter', guard?: FilterGuard): Record<string, unknown> {
  if (!filter) return {};
  const clauses: Record<string, unknown>[] = [];
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (name === 'and' || name === 'or') {
      const list = (value as RecordFilter[]).map((f, i) => filterToQuery(model, entity, f, `${path}.${name}[${i}]`, guard));
      clauses.push({ [`$${name}`]: list });
      continue;
    }
    if (name === 'not') {
      clauses.push({ $not: filterToQuery(model, entity, value as RecordFilter, `${path}.not`, guard) });
      continue;
    }
    const field = entity.fieldByName(name);
    if (!field) throw LatticeError.invalidInput(`${path}.${name}`, `${entity.name} has no field "${name}" to filter on`);
    if (guard && !guard.fieldReadable(entity, field)) throw LatticeError.fieldHidden(entity.name, field.name, `${path}.${name}`, 'filter by');
    clauses.push({ [name]: fieldCondition(model, field, value as Record<string, unknown>, `${path}.${name}`, guard) });
  }
  if (clauses.length === 0) return {};
  return clauses.length === 1 ? (clauses[0] as Record<string, unknown>) : { $and: clauses };
}

function fieldCondition(model: CompiledModel, field: CompiledField, condition: Record<string, unknown>, path: string, guard?: FilterGuard): unknown {
  const relation = field.relation;
  if (relation?.kind === 'reference' && condition['is']) {
    const { is, ...ops } = condition;
    const nested = relatedFilter(model, relation.target, is as RecordFilter, `${path}.is`, guard);
    return Object.keys(ops).length ? { $and: [nested, fieldCondition(model, field, ops, path, guard)] } : nested;
  }
  if (relation?.kind === 'oneToMany' || relation?.kind === 'manyToMany') {
    const out: Record<string, unknown> = {};
    if (condition['some']) out['$some'] = relatedFilter(model, relation.target, condition['some'] as RecordFilter, `${path}.some`, guard);
    if (condition['none']) out['$none'] = relatedFilter(model, relation.target, condition['none'] as RecordFilter, `${path}.none`, guard);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [op, operand] of Object.entries(condition)) {
    if (operand === undefined) continue;
    if (!field.type.filterOperators.includes(op as FilterOperator)) {
      throw LatticeError.invalidInput(`${path}.${op}`, `Field "${field.name}" (${field.typeName}) cannot be filtered with "${op}"`, `Use one of: ${field.type.filterOperators.join(', ')}`);
    }
    if (op === 'isNull') out[operand ? '$eq' : '$ne'] = null;
    else if (op === 'contains') out['$ilike'] = `%${escapeLike(String(operand))}%`;
    else if (op === 'startsWith') out['$like'] = `${escapeLike(String(operand))}%`;
    else if (op === 'in' || op === 'notIn') out[OPERATOR_TO_ORM[op]] = (operand as unknown[]).map((v, i) => decodeOperand(field, v, `${path}.${op}[${i}]`));
    else if (op === 'hasAny' || op === 'hasAll') out[OPERATOR_TO_ORM[op]] = operand;
    else out[OPERATOR_TO_ORM[op as keyof typeof OPERATOR_TO_ORM]] = decodeOperand(field, operand, `${path}.${op}`);
  }
  return out;
}

/** A filter on related records: only those the actor may read take part. */
function relatedFilter(model: CompiledModel, targetKey: string, filter: RecordFilter, path: string, guard?: FilterGuard): Record<string, unknown> {
  const target = targetOf(model, targetKey);
  if (guard && !guard.mayRead(target)) throw LatticeError.outsideScope(target.name, path, `Your roles do not allow you to read ${target.name} records, so you cannot filter through them`);
  const nested = filterToQuery(model, target, filter, path, guard);
  return guard ? withScope(nested, guard.filter(target, 'read')) : nested;
}

function decodeOperand(field: CompiledField, value: unknown, path: string): unknown {
  if (value === null) return null;
  if (field.formula) return value;
  const decoded = field.type.decode(value, field.settings);
  if (!decoded.ok) throw LatticeError.invalidInput(path, `Filter value for "${field.name}": ${decoded.message}`, decoded.hint);
  return decoded.value;
}

function targetOf(model: CompiledModel, key: string): CompiledEntity {
  const target = model.entityByKey(key);
  if (!target) throw new Error(`Entity "${key}" missing from a checked model`);
  return target;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
