import type { ModelChange } from './model-change.js';

type StorageChange = Extract<ModelChange, { kind: 'field.storage-changed' }>;

export interface ConversionCheck {
  readonly kind: 'failed-conversion' | 'lossy-conversion';
  /** SQL condition, over the quoted live column, true for each value at risk. */
  where(column: string): string;
  readonly message: string;
  readonly hint: string;
}

const TEXTUAL = new Set(['string', 'text']);

/** Values Postgres itself refuses to cast (the migration-installed `lattice_can_cast`): exact, for every target type. */
const uncastable = (target: string) => (c: string) => `not lattice_can_cast(${c}::text, '${target}')`;

const failed = (where: (c: string) => string, target: string): ConversionCheck => ({
  kind: 'failed-conversion',
  where,
  message: `cannot be converted to ${target}`,
  hint: 'Correct or clear those values first, or keep the current type',
});

/**
 * For a change of column type, the SQL that finds values the conversion
 * would reject (publish would fail) or silently alter (truncation, rounding:
 * publish needs a confirmation). Null when every value converts unchanged.
 */
export function conversionCheck(change: StorageChange): ConversionCheck | null {
  const from = change.from.kind;
  const to = change.to;
  const textual = TEXTUAL.has(from);
  if (to.kind === 'string') {
    const length = Number(/\((\d+)\)/.exec(to.columnType)?.[1]);
    return { kind: 'lossy-conversion', where: (c) => `char_length(${c}::text) > ${length}`, message: `are longer than ${length} characters and would be cut`, hint: 'Confirm to truncate them, or shorten them first' };
  }
  if (to.kind === 'integer') {
    if (textual) return failed(uncastable('integer'), 'a whole number');
    if (from === 'decimal') return { kind: 'lossy-conversion', where: (c) => `${c} <> trunc(${c})`, message: 'have a fraction that would be rounded away', hint: 'Confirm to round them' };
    return from === 'integer' ? null : failed(() => 'true', 'a whole number');
  }
  if (to.kind === 'decimal') {
    const [, precision, scale] = /\((\d+),(\d+)\)/.exec(to.columnType) ?? [];
    const limit = `1e${Number(precision) - Number(scale)}`;
    if (textual) return failed(uncastable(to.columnType), 'a number');
    if (from === 'decimal') return { kind: 'lossy-conversion', where: (c) => `(${c} <> round(${c}, ${Number(scale)}) or abs(${c}) >= ${limit})`, message: `have more than ${scale} decimals or too many digits`, hint: 'Confirm to round them' };
    return from === 'integer' ? { ...failed((c) => `abs(${c}) >= ${limit}`, to.columnType) } : failed(() => 'true', 'a number');
  }
  if (to.kind === 'boolean') return textual ? failed(uncastable('boolean'), 'true/false') : from === 'boolean' ? null : failed(() => 'true', 'true/false');
  if (to.kind === 'date') {
    if (textual) return failed(uncastable('date'), 'a date');
    if (from === 'datetime') return { kind: 'lossy-conversion', where: (c) => `${c}::time <> '00:00'`, message: 'have a time of day that would be dropped', hint: 'Confirm to keep only the date' };
    return failed(() => 'true', 'a date');
  }
  if (to.kind === 'uuid') return textual ? failed(uncastable('uuid'), 'an identifier') : failed(() => 'true', 'an identifier');
  if (to.kind === 'datetime' && !['date', 'datetime'].includes(from)) return textual ? failed(uncastable('timestamptz'), 'a date and time') : failed(() => 'true', 'a date and time');
  if (to.kind === 'json' && textual) return failed(uncastable('jsonb'), 'JSON');
  return null;
}
