import type { FormLogic } from '@lattice/runtime';

/** One comparison of the condition builder: a fact (a field, a reference's field, the user, the form mode), an operator, a value. */
export interface ConditionRow {
  fact: string;
  /** JSONPath into the fact: a referenced record's field (`$.customerClass`), the user's `$.roles`/`$.unitPath`/`$.channel`. */
  path?: string;
  operator: string;
  value: unknown;
}

/**
 * A field's logic as the builder edits it: always, never, or when all (or
 * any) of some comparisons hold. A condition the builder cannot draw
 * (nested groups, named conditions) is `custom`: kept as it is, and edited
 * in the document's YAML.
 */
export type LogicState =
  | { mode: 'always' | 'never' }
  | { mode: 'when'; combinator: 'all' | 'any'; rows: ConditionRow[] }
  | { mode: 'custom'; logic: FormLogic };

/** json-rules-engine's operators that a form condition compares with. */
export const OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;

const LIST_OPERATORS = new Set(['in', 'notIn']);

function rowOf(node: unknown): ConditionRow | null {
  if (!node || typeof node !== 'object') return null;
  const { fact, operator, value, path, ...rest } = node as Record<string, unknown>;
  if (typeof fact !== 'string' || typeof operator !== 'string' || Object.keys(rest).length) return null;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return null;
  return { fact, operator, value, ...(typeof path === 'string' ? { path } : {}) };
}

/** What the builder draws for a field's `visible`, `required` or `readOnly` (absent: `fallback`). */
export function logicState(logic: FormLogic | undefined, fallback: 'always' | 'never'): LogicState {
  if (logic === undefined) return { mode: fallback };
  if (logic === true) return { mode: 'always' };
  if (logic === false) return { mode: 'never' };
  const combinator = Array.isArray(logic['all']) ? 'all' : Array.isArray(logic['any']) ? 'any' : null;
  if (!combinator || Object.keys(logic).length !== 1) return { mode: 'custom', logic };
  const rows = (logic[combinator] as unknown[]).map(rowOf);
  if (rows.some((r) => r === null)) return { mode: 'custom', logic };
  return { mode: 'when', combinator, rows: rows as ConditionRow[] };
}

/** The logic a builder state stands for; `undefined` when it is the property's default (so the document stays short). */
export function logicOf(state: LogicState, fallback: 'always' | 'never'): FormLogic | undefined {
  if (state.mode === 'custom') return state.logic;
  if (state.mode === 'always') return fallback === 'always' ? undefined : true;
  if (state.mode === 'never') return fallback === 'never' ? undefined : false;
  const { combinator, rows } = state as Extract<LogicState, { mode: 'when' }>;
  return { [combinator]: rows.map((r) => ({ fact: r.fact, ...(r.path ? { path: r.path } : {}), operator: r.operator, value: r.value })) };
}

/**
 * A value typed into the builder, as the condition compares it: a list for
 * `in`/`notIn` (comma-separated), true/false for a boolean fact, a number
 * for a numeric one, null for an empty value, else the text.
 */
export function parseConditionValue(text: string, operator: string, factType: 'text' | 'number' | 'boolean'): unknown {
  const one = (part: string): unknown => {
    const trimmed = part.trim();
    if (trimmed === '' || trimmed === 'null') return null;
    if (factType === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
    if (factType === 'number' && !Number.isNaN(Number(trimmed))) return Number(trimmed);
    return trimmed;
  };
  if (LIST_OPERATORS.has(operator)) return text.split(',').map(one).filter((v) => v !== null);
  return one(text);
}

/** A condition value as the builder shows it in its text input. */
export function conditionValueText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  return value === null || value === undefined ? '' : String(value);
}
