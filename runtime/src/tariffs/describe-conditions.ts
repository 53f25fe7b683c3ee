import { failedConditions, heldConditions, type ConditionResult } from '../rules/rule-run.js';

type Leaf = Extract<ConditionResult, { kind: 'fact' }>;

/** json-rules-engine's operator names as counter staff read them; others (decorated, plugins') as written. */
const SYMBOLS: Readonly<Record<string, string>> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: 'in',
  notIn: 'not in',
  contains: 'contains',
  doesNotContain: 'does not contain',
};

/**
 * Conditions in words, with the values they saw: for a rule that fired,
 * those that held; for one that did not, those that failed.
 * `lineCount ≥ 50 (was 12)`.
 */
export function describeConditions(tree: ConditionResult | undefined, fired: boolean): string[] {
  return (fired ? heldConditions(tree) : failedConditions(tree)).map(describeLeaf);
}

function describeLeaf(leaf: Leaf): string {
  return `${leaf.fact}${leaf.factPath && leaf.factPath !== '$' ? leaf.factPath.slice(1) : ''} ${SYMBOLS[leaf.operator] ?? leaf.operator} ${show(leaf.valueResult)} (was ${show(leaf.factResult)})`;
}

function show(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}
