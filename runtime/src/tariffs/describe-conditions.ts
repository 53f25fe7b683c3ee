import { failedConditions, heldConditions, type ConditionResult } from '../rules/rule-run.js';

type Leaf = Extract<ConditionResult, { kind: 'fact' }>;

/**
 * Conditions in words, with the values they saw: for a rule that fired,
 * those that held; for one that did not, those that failed.
 * `lineCount greaterThanInclusive 50 (was 12)`.
 */
export function describeConditions(tree: ConditionResult | undefined, fired: boolean): string[] {
  return (fired ? heldConditions(tree) : failedConditions(tree)).map(describeLeaf);
}

function describeLeaf(leaf: Leaf): string {
  return `${leaf.fact}${leaf.factPath && leaf.factPath !== '$' ? leaf.factPath.slice(1) : ''} ${leaf.operator} ${show(leaf.valueResult)} (was ${show(leaf.factResult)})`;
}

function show(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}
