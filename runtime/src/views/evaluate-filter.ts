import type { CompiledEntity, CompiledField, CompiledModel } from '../compile/compiled-model.js';
import { userOperand, type FilterUser, type RecordFilter } from './record-filter.js';

/** Related records the evaluator may need: a reference's record, a related list's records. Undefined: not loaded. */
export interface FilterData {
  reference?(entity: CompiledEntity, field: CompiledField, record: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> | null | undefined;
  list?(entity: CompiledEntity, field: CompiledField, record: Readonly<Record<string, unknown>>): readonly Readonly<Record<string, unknown>>[] | undefined;
}

export interface FilterContext {
  readonly user?: FilterUser;
  readonly data?: FilterData;
}

/** SQL's three truth values: a comparison with an empty value is neither true nor false. */
type Truth = boolean | null;

/**
 * Whether a record (canonical values by field name) matches a checked
 * filter, as the SQL the platform renders would answer, with SQL's
 * three-valued logic: a comparison with an empty value is unknown (`ne` and
 * `notIn` included, as `NULL <> x` is not true), so is its `not`, and only a
 * filter that is true matches; only `isNull` matches empty values;
 * `contains` ignores case (ILIKE), `startsWith` does not (LIKE); numbers,
 * money and decimals compare as numbers, dates and datetimes as ISO text. A
 * reference with no record behind it (empty, not loaded, or out of the
 * reader's reach) fails `is`; a related list not loaded matches nothing.
 */
export function matchesFilter(model: CompiledModel, entity: CompiledEntity, filter: RecordFilter | null | undefined, record: Readonly<Record<string, unknown>>, context: FilterContext = {}): boolean {
  return truthOf(model, entity, filter, record, context) === true;
}

function truthOf(model: CompiledModel, entity: CompiledEntity, filter: RecordFilter | null | undefined, record: Readonly<Record<string, unknown>>, context: FilterContext): Truth {
  if (!filter) return true;
  const parts: Truth[] = [];
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (name === 'and') parts.push(all((value as RecordFilter[]).map((f) => truthOf(model, entity, f, record, context))));
    else if (name === 'or') parts.push(any((value as RecordFilter[]).map((f) => truthOf(model, entity, f, record, context))));
    else if (name === 'not') parts.push(negate(truthOf(model, entity, value as RecordFilter, record, context)));
    else {
      const field = entity.fieldByName(name);
      parts.push(field ? fieldTruth(model, entity, field, value as Record<string, unknown>, record, context) : false);
    }
  }
  return all(parts);
}

function fieldTruth(model: CompiledModel, entity: CompiledEntity, field: CompiledField, condition: Record<string, unknown>, record: Readonly<Record<string, unknown>>, context: FilterContext): Truth {
  const target = field.relation ? model.entityByKey(field.relation.target) : undefined;
  const parts: Truth[] = [];
  for (const [op, raw] of Object.entries(condition)) {
    if (raw === undefined) continue;
    if (op === 'is' || op === 'some' || op === 'none') {
      if (!target) return false;
      if (op === 'is') {
        const related = context.data?.reference?.(entity, field, record);
        parts.push(related ? truthOf(model, target, raw as RecordFilter, related, context) : false);
        continue;
      }
      const rows = context.data?.list?.(entity, field, record);
      if (!rows) return false;
      // EXISTS is true or false, never unknown.
      const found = rows.some((row) => truthOf(model, target, raw as RecordFilter, row, context) === true);
      parts.push(op === 'some' ? found : !found);
      continue;
    }
    parts.push(compare(field, op, operandOf(raw, context), record[field.name]));
  }
  return all(parts);
}

function all(parts: readonly Truth[]): Truth {
  if (parts.includes(false)) return false;
  return parts.includes(null) ? null : true;
}

function any(parts: readonly Truth[]): Truth {
  if (parts.includes(true)) return true;
  return parts.includes(null) ? null : false;
}

function negate(truth: Truth): Truth {
  return truth === null ? null : !truth;
}

function operandOf(raw: unknown, context: FilterContext): unknown {
  const part = userOperand(raw);
  if (!part) return raw;
  return context.user ? context.user[part] : undefined;
}

function compare(field: CompiledField, op: string, operand: unknown, value: unknown): Truth {
  if (op === 'isNull') return (value == null) === Boolean(operand);
  // A `$user` operand with no user behind it matches nothing, whatever surrounds it.
  if (operand === undefined) return false;
  // No value to compare with: `in` nothing is false and `notIn` nothing true, for an empty value too (as `<> all('{}')`).
  if ((op === 'in' || op === 'notIn') && Array.isArray(operand) && operand.length === 0) return op === 'notIn';
  if (value == null) return null;
  switch (op) {
    case 'eq':
      return same(field, value, operand);
    case 'ne':
      return !same(field, value, operand);
    case 'in':
      return (operand as unknown[]).some((o) => same(field, value, o));
    case 'notIn':
      return !(operand as unknown[]).some((o) => same(field, value, o));
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const order = ordered(field, value, operand);
      return op === 'lt' ? order < 0 : op === 'lte' ? order <= 0 : op === 'gt' ? order > 0 : order >= 0;
    }
    case 'contains':
      return String(value).toLowerCase().includes(String(operand).toLowerCase());
    case 'startsWith':
      return String(value).startsWith(String(operand));
    case 'hasAny':
      return (operand as unknown[]).some((o) => (value as unknown[]).includes(o));
    case 'hasAll':
      return (operand as unknown[]).every((o) => (value as unknown[]).includes(o));
    default:
      return false;
  }
}

function canonical(field: CompiledField, operand: unknown): unknown {
  if (field.formula || operand === null || typeof operand === 'object') return operand;
  const decoded = field.type.decode(operand, field.settings);
  return decoded.ok ? decoded.value : operand;
}

function numeric(field: CompiledField): boolean {
  const kind = field.formula?.resultType ?? field.type.formulaType;
  return kind === 'number' || kind === 'money';
}

function same(field: CompiledField, value: unknown, operand: unknown): boolean {
  const o = canonical(field, operand);
  return numeric(field) ? Number(value) === Number(o) : value === o;
}

function ordered(field: CompiledField, value: unknown, operand: unknown): number {
  const o = canonical(field, operand);
  if (numeric(field)) return Number(value) - Number(o);
  const a = String(value);
  const b = String(o);
  return a < b ? -1 : a > b ? 1 : 0;
}
