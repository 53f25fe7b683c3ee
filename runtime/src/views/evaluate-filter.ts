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

/**
 * Whether a record (canonical values by field name) matches a checked
 * filter, as the SQL the platform renders would answer: a comparison with
 * an empty value is false (`ne` and `notIn` included, as `NULL <> x` is not
 * true), only `isNull` matches empty values; `contains` ignores case
 * (ILIKE), `startsWith` does not (LIKE); numbers, money and decimals compare
 * as numbers, dates and datetimes as ISO text. A reference or related list
 * that was not loaded matches nothing.
 */
export function matchesFilter(model: CompiledModel, entity: CompiledEntity, filter: RecordFilter | null | undefined, record: Readonly<Record<string, unknown>>, context: FilterContext = {}): boolean {
  if (!filter) return true;
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (name === 'and' && !(value as RecordFilter[]).every((f) => matchesFilter(model, entity, f, record, context))) return false;
    if (name === 'or' && !(value as RecordFilter[]).some((f) => matchesFilter(model, entity, f, record, context))) return false;
    if (name === 'not' && matchesFilter(model, entity, value as RecordFilter, record, context)) return false;
    if (name === 'and' || name === 'or' || name === 'not') continue;
    const field = entity.fieldByName(name);
    if (!field || !matchesField(model, entity, field, value as Record<string, unknown>, record, context)) return false;
  }
  return true;
}

function matchesField(model: CompiledModel, entity: CompiledEntity, field: CompiledField, condition: Record<string, unknown>, record: Readonly<Record<string, unknown>>, context: FilterContext): boolean {
  const target = field.relation ? model.entityByKey(field.relation.target) : undefined;
  for (const [op, raw] of Object.entries(condition)) {
    if (raw === undefined) continue;
    if (op === 'is' || op === 'some' || op === 'none') {
      if (!target) return false;
      if (op === 'is') {
        const related = context.data?.reference?.(entity, field, record);
        if (!related || !matchesFilter(model, target, raw as RecordFilter, related, context)) return false;
        continue;
      }
      const rows = context.data?.list?.(entity, field, record);
      if (!rows) return false;
      const any = rows.some((row) => matchesFilter(model, target, raw as RecordFilter, row, context));
      if (op === 'some' ? !any : any) return false;
      continue;
    }
    if (!compare(field, op, operandOf(raw, context), record[field.name])) return false;
  }
  return true;
}

function operandOf(raw: unknown, context: FilterContext): unknown {
  const part = userOperand(raw);
  if (!part) return raw;
  return context.user ? context.user[part] : undefined;
}

function compare(field: CompiledField, op: string, operand: unknown, value: unknown): boolean {
  if (op === 'isNull') return (value == null) === Boolean(operand);
  if (value == null || operand === undefined) return false;
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
