import { checkFilter, userOperand, type CompiledEntity, type CompiledField, type CompiledModel, type FilterOperator, type FilterUser } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { withScope } from './row-scope.js';

/** What a filter may reach: fields the actor can read, and related records within their scope. */
export interface FilterGuard {
  fieldReadable(entity: CompiledEntity, field: CompiledField): boolean;
  mayRead(entity: CompiledEntity): boolean;
  filter(entity: CompiledEntity, operation: 'read'): Record<string, unknown> | null;
}

/** A filter as the generated API receives it: the runtime's condition language (`RecordFilter`), by field name. */
export type RecordFilter = Record<string, unknown>;

/** How a filter is rendered: who `{ $user: … }` operands stand for, and what the filter may reach. */
export interface FilterRendering {
  readonly guard?: FilterGuard | undefined;
  /** The caller; without one, a `$user` operand matches nothing (as the runtime's `matchesFilter` answers). */
  readonly user?: FilterUser | undefined;
}

const OPERATOR_TO_ORM: Record<Exclude<FilterOperator, 'contains' | 'startsWith' | 'isNull'>, string> = {
  eq: '$eq', ne: '$ne', in: '$in', notIn: '$nin', lt: '$lt', lte: '$lte', gt: '$gt', gte: '$gte', hasAny: '$overlap', hasAll: '$contains',
};

/** Matches no row: a `$user` operand with no user behind it. */
const NOTHING = { id: { $in: [] } };

/**
 * Renders a filter in the runtime's condition language as a MikroORM filter
 * query: the SQL twin of `matchesFilter`. The filter is checked first by the
 * runtime's `checkFilter` (the one definition of fields, operators and
 * operands, so a list, a view and a sharing rule are held to the same rules),
 * every problem at its path. With a guard, a filter can neither name a field
 * the actor cannot read nor match through a related record outside their
 * scope: either would let them infer what they may not see.
 */
export function filterToQuery(model: CompiledModel, entity: CompiledEntity, filter: RecordFilter | null | undefined, path = 'filter', rendering: FilterRendering = {}): Record<string, unknown> {
  if (!filter) return {};
  // Refused for what it reaches before it is checked: an error on a hidden field's value would describe the field.
  if (rendering.guard) assertReachable(model, entity, filter, path, rendering.guard);
  const problems = checkFilter(model, entity, filter, path);
  if (problems.length) throw LatticeError.invalidFilter(problems);
  return render(model, entity, filter, path, rendering);
}

function render(model: CompiledModel, entity: CompiledEntity, filter: RecordFilter, path: string, rendering: FilterRendering): Record<string, unknown> {
  const clauses: Record<string, unknown>[] = [];
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (name === 'and' || name === 'or') {
      const list = (value as RecordFilter[]).map((f, i) => render(model, entity, f, `${path}.${name}[${i}]`, rendering));
      clauses.push({ [`$${name}`]: list });
      continue;
    }
    if (name === 'not') {
      clauses.push({ $not: render(model, entity, value as RecordFilter, `${path}.not`, rendering) });
      continue;
    }
    const field = entity.fieldByName(name) as CompiledField;
    clauses.push(...fieldClauses(model, field, value as Record<string, unknown>, `${path}.${name}`, rendering));
  }
  if (clauses.length === 0) return {};
  return clauses.length === 1 ? (clauses[0] as Record<string, unknown>) : { $and: clauses };
}

/** One field's conditions, each its own clause (a `$user` operand with no user is a clause matching nothing). */
function fieldClauses(model: CompiledModel, field: CompiledField, condition: Record<string, unknown>, path: string, rendering: FilterRendering): Record<string, unknown>[] {
  const relation = field.relation;
  const clauses: Record<string, unknown>[] = [];
  const own: Record<string, unknown> = {};
  for (const [op, raw] of Object.entries(condition)) {
    if (raw === undefined) continue;
    if (op === 'is' || op === 'some' || op === 'none') {
      const nested = relatedFilter(model, relation?.target as string, raw as RecordFilter, `${path}.${op}`, rendering);
      // A reference with no record behind it fails `is` (never "unknown"), as `matchesFilter` answers: its `not` holds.
      if (op === 'is') clauses.push({ [field.name]: { $ne: null } }, { [field.name]: nested });
      else clauses.push({ [field.name]: { [`$${op}`]: nested } });
      continue;
    }
    const part = userOperand(raw);
    const operand = part ? rendering.user?.[part] : raw;
    if (operand === undefined || operand === null) {
      clauses.push(NOTHING);
      continue;
    }
    if (op === 'isNull') own[operand ? '$eq' : '$ne'] = null;
    else if (op === 'contains') own['$ilike'] = `%${escapeLike(String(operand))}%`;
    else if (op === 'startsWith') own['$like'] = `${escapeLike(String(operand))}%`;
    else if (op === 'in' || op === 'notIn') own[OPERATOR_TO_ORM[op]] = (operand as unknown[]).map((v) => decoded(field, v));
    else if (op === 'hasAny' || op === 'hasAll') own[OPERATOR_TO_ORM[op]] = operand;
    else own[OPERATOR_TO_ORM[op as keyof typeof OPERATOR_TO_ORM]] = decoded(field, operand);
  }
  // `ne` and `notIn` leave out empty values, as `matchesFilter` does: SQL's `x <> v` is not true for a null x.
  if (Object.keys(own).length) clauses.push({ [field.name]: own });
  return clauses;
}

/**
 * Every field the filter names must be one the actor can read, and every
 * entity it filters through one they may read: walked over the filter as
 * given (names it does not know are `checkFilter`'s to report).
 */
function assertReachable(model: CompiledModel, entity: CompiledEntity, filter: unknown, path: string, guard: FilterGuard): void {
  if (filter === null || typeof filter !== 'object') return;
  for (const [name, value] of Object.entries(filter)) {
    if (name === 'and' || name === 'or') {
      if (Array.isArray(value)) value.forEach((f, i) => assertReachable(model, entity, f, `${path}.${name}[${i}]`, guard));
      continue;
    }
    if (name === 'not') {
      assertReachable(model, entity, value, `${path}.not`, guard);
      continue;
    }
    const field = entity.fieldByName(name);
    if (!field) continue;
    if (!guard.fieldReadable(entity, field)) throw LatticeError.fieldHidden(entity.name, field.name, `${path}.${name}`, 'filter by');
    const target = field.relation ? model.entityByKey(field.relation.target) : undefined;
    if (!target || value === null || typeof value !== 'object') continue;
    for (const op of ['is', 'some', 'none']) {
      if (!(op in value)) continue;
      if (!guard.mayRead(target)) throw LatticeError.outsideScope(target.name, `${path}.${name}.${op}`, `Your roles do not allow you to read ${target.name} records, so you cannot filter through them`);
      assertReachable(model, target, (value as Record<string, unknown>)[op], `${path}.${name}.${op}`, guard);
    }
  }
}

/** A filter on related records: only those the actor may read take part. */
function relatedFilter(model: CompiledModel, targetKey: string, filter: RecordFilter, path: string, rendering: FilterRendering): Record<string, unknown> {
  const target = targetOf(model, targetKey);
  const guard = rendering.guard;
  const nested = render(model, target, filter, path, rendering);
  return guard ? withScope(nested, guard.filter(target, 'read')) : nested;
}

/** The operand as its field type stores it (a checked filter decodes; a `$user` value is taken as it is). */
function decoded(field: CompiledField, value: unknown): unknown {
  if (field.formula) return value;
  const result = field.type.decode(value, field.settings);
  return result.ok ? result.value : value;
}

function targetOf(model: CompiledModel, key: string): CompiledEntity {
  const target = model.entityByKey(key);
  if (!target) throw new Error(`Entity "${key}" missing from a checked model`);
  return target;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
