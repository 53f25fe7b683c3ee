import type { FormulaType } from '../field-types/field-type.js';

/**
 * What the checker knows about a value on either side of a comparison: a
 * fact's declared type (from the field type's formula type, or a computed
 * fact's declaration) or a literal's JSON type. Only used at plan time.
 */
export type ValueShape =
  | { kind: 'unknown' }
  | { kind: 'null' }
  | {
      kind: FormulaType | 'object';
      literal?: unknown;
      entity?: string;
      /** For a field: why a literal can never be its value (the field type's own validation: picklist options…), or null. */
      accepts?: (literal: unknown) => string | null;
    }
  | { kind: 'list'; of: ValueShape[] };

export const UNKNOWN_SHAPE: ValueShape = { kind: 'unknown' };

const MONEY_TEXT = /^-?\d+\.\d{2}$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export function shapeOfLiteral(value: unknown): ValueShape {
  if (value === null) return { kind: 'null' };
  if (Array.isArray(value)) return { kind: 'list', of: value.map(shapeOfLiteral) };
  switch (typeof value) {
    case 'string':
      return { kind: 'text', literal: value };
    case 'number':
      return { kind: 'number', literal: value };
    case 'boolean':
      return { kind: 'boolean', literal: value };
    case 'object':
      return { kind: 'object', literal: value };
    default:
      return UNKNOWN_SHAPE;
  }
}

export function describeShape(shape: ValueShape): string {
  if (shape.kind === 'list') return 'a list';
  if ('literal' in shape && shape.literal !== undefined) return `${JSON.stringify(shape.literal)} (${shape.kind === 'text' ? 'text' : shape.kind})`;
  return shape.kind === 'null' ? 'null' : `a ${shape.kind} value`;
}

/**
 * Why `===` between a fact of shape `fact` and `value` can never be true,
 * or null. Money, dates and date-times are canonical strings in records
 * ("199.00", "2026-11-25"), so they compare equal only with such strings.
 */
export function equalityMismatch(fact: ValueShape, value: ValueShape): string | null {
  if (fact.kind === 'unknown' || value.kind === 'unknown' || value.kind === 'null' || fact.kind === 'null') return null;
  if (fact.kind === 'list' || value.kind === 'list') {
    return 'equal compares with ===, and a list is never === another value';
  }
  if (fact.kind === 'object' || value.kind === 'object') return null;
  const literal = 'literal' in value ? value.literal : undefined;
  const refused = literal !== undefined && 'accepts' in fact ? fact.accepts?.(literal) : null;
  if (refused) return `${JSON.stringify(literal)} can never be the value: ${refused}`;
  const textual = (kind: string): boolean => kind === 'text' || kind === 'money' || kind === 'date' || kind === 'datetime';
  if (literal !== undefined && typeof literal === 'string') {
    if (fact.kind === 'money' && !MONEY_TEXT.test(literal)) return `money is compared as text with two decimals, like "199.00"; ${JSON.stringify(literal)} never matches`;
    if (fact.kind === 'date' && !DATE_TEXT.test(literal)) return `a date is compared as text like "2026-11-25"; ${JSON.stringify(literal)} never matches`;
    if (fact.kind === 'datetime' && !DATETIME_TEXT.test(literal)) return `a date-time is compared as ISO text; ${JSON.stringify(literal)} never matches`;
  }
  if (textual(fact.kind) && textual(value.kind)) return null;
  if (fact.kind === value.kind) return null;
  return `a ${fact.kind} fact is never === ${describeShape(value)}`;
}

/**
 * Why `<`, `<=`, `>`, `>=` between the two shapes is not a meaningful
 * comparison, or null. json-rules-engine only checks that the fact parses
 * as a number (`parseFloat`), then uses JavaScript's operators: money
 * strings against numbers compare numerically, but two strings compare
 * letter by letter ("100.00" < "99.00"), which is never what a tariff means.
 */
export function orderingMismatch(fact: ValueShape, value: ValueShape): string | null {
  if (fact.kind === 'unknown' || value.kind === 'unknown') return null;
  if (fact.kind === 'number' || fact.kind === 'money') {
    return value.kind === 'number' ? null : `a ${fact.kind} fact is compared with numbers; ${describeShape(value)} ${value.kind === 'text' ? 'compares letter by letter' : 'never compares'}`;
  }
  if (fact.kind === 'date' || fact.kind === 'datetime') {
    const literal = 'literal' in value ? value.literal : undefined;
    if (value.kind === fact.kind) return null;
    if (value.kind === 'text' && typeof literal === 'string' && (fact.kind === 'date' ? DATE_TEXT : DATETIME_TEXT).test(literal)) return null;
    return `a ${fact.kind} is compared with ISO text of the same form (like "2026-11-25"); ${describeShape(value)} is not`;
  }
  return `${fact.kind === 'list' ? 'a list' : `a ${fact.kind} fact`} cannot be ordered: the operator only accepts values that parse as numbers`;
}

/** The element shapes of a list shape, or null when the shape is not a list. */
export function elementsOf(shape: ValueShape): ValueShape[] | null {
  if (shape.kind === 'unknown') return [UNKNOWN_SHAPE];
  return shape.kind === 'list' ? (shape.of.length ? shape.of : [UNKNOWN_SHAPE]) : null;
}
