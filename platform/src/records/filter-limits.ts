import { isListOperator, unstorableTextReason } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { RecordFilter } from '../security/filter-to-query.js';

/** Caps on one list's filter (configuration: `LATTICE_MAX_IN_VALUES`, `LATTICE_MAX_FILTER_TEXT`, `LATTICE_MAX_FILTER_CONDITIONS`). */
export interface FilterLimits {
  readonly maxInValues: number;
  readonly maxFilterText: number;
  readonly maxFilterConditions: number;
}

/**
 * Holds a filter to its caps before any of it is translated, in one walk
 * that costs as much as the filter is long: every condition counted (each
 * operator on a field, each `and`/`or`/`not` branch, through related records
 * too), every value list and string measured, and every string checked for
 * what the database cannot take (a NUL character), each with its path.
 */
export function assertFilterWithinLimits(filter: RecordFilter | null | undefined, limits: FilterLimits, path = 'filter'): void {
  let conditions = 0;
  const count = (at: string) => {
    if (++conditions > limits.maxFilterConditions) throw LatticeError.limitExceeded(`The number of conditions in the filter (at ${at})`, limits.maxFilterConditions, conditions);
  };
  const text = (value: string, at: string) => {
    if (value.length > limits.maxFilterText) throw LatticeError.limitExceeded(`The length of the filter value at ${at}`, limits.maxFilterText, value.length);
    const reason = unstorableTextReason(value);
    if (reason) throw LatticeError.invalidInput(at, `The filter value ${reason}`);
  };
  const value = (operand: unknown, at: string, operator: string) => {
    if (typeof operand === 'string') return text(operand, at);
    if (!Array.isArray(operand)) return;
    if (isListOperator(operator) && operand.length > limits.maxInValues) throw LatticeError.limitExceeded(`The number of values at ${at}`, limits.maxInValues, operand.length);
    operand.forEach((item, i) => {
      if (typeof item === 'string') text(item, `${at}[${i}]`);
    });
  };
  const walk = (node: RecordFilter, at: string): void => {
    for (const [name, inner] of Object.entries(node)) {
      if (inner === undefined || inner === null) continue;
      if (name === 'and' || name === 'or') {
        (inner as RecordFilter[]).forEach((branch, i) => {
          count(`${at}.${name}[${i}]`);
          walk(branch, `${at}.${name}[${i}]`);
        });
      } else if (name === 'not') {
        count(`${at}.not`);
        walk(inner as RecordFilter, `${at}.not`);
      } else if (typeof inner === 'object') {
        for (const [operator, operand] of Object.entries(inner as Record<string, unknown>)) {
          if (operand === undefined || operand === null) continue;
          count(`${at}.${name}.${operator}`);
          // A filter through related records (`is`, `some`, `none`) is a filter of its own, counted with this one.
          if (operator === 'is' || operator === 'some' || operator === 'none') walk(operand as RecordFilter, `${at}.${name}.${operator}`);
          else value(operand, `${at}.${name}.${operator}`, operator);
        }
      }
    }
  };
  if (filter) walk(filter, path);
}
