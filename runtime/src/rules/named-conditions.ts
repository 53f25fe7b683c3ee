import { problem, type Problem } from '../problems/problem.js';
import { checkConditions, type ConditionCheckContext } from './check-conditions.js';
import { checkContradictions } from './check-contradictions.js';
import { parseTopCondition } from './parse-conditions.js';
import type { TopCondition } from './rule-set.document.js';
import { walkConditions } from './walk-conditions.js';

/**
 * Named conditions (json-rules-engine's `setCondition`), written once in a
 * rule set or a tariff catalog and used as `{ condition: name }`: parsed,
 * checked like any condition, and refused when they refer to each other in
 * a cycle (a depth-first walk per name; there are few).
 */
export function parseNamedConditions(raw: Readonly<Record<string, unknown>> | undefined, problems: Problem[]): Record<string, TopCondition> {
  const conditions: Record<string, TopCondition> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const parsed = parseTopCondition(value, `conditions[${name}]`, problems);
    if (parsed) conditions[name] = parsed;
  }
  return conditions;
}

export function checkNamedConditions(conditions: Record<string, TopCondition>, context: ConditionCheckContext): Problem[] {
  const problems: Problem[] = [];
  for (const [name, condition] of Object.entries(conditions)) {
    checkConditions(condition, `conditions[${name}]`, context, problems);
    checkContradictions(condition, `conditions[${name}]`, problems);
    const cycle = findReferenceCycle(name, conditions, [name]);
    if (cycle) problems.push(problem('rule.condition-cycle', `conditions[${name}]`, `named conditions refer to each other in a cycle: ${cycle.join(' → ')}`));
  }
  return problems;
}

function findReferenceCycle(name: string, conditions: Record<string, TopCondition>, trail: string[]): string[] | undefined {
  for (const next of directReferences(conditions[name])) {
    if (next === trail[0]) return [...trail, next];
    if (!trail.includes(next) && conditions[next]) {
      const found = findReferenceCycle(next, conditions, [...trail, next]);
      if (found) return found;
    }
  }
  return undefined;
}

function directReferences(condition: TopCondition | undefined): string[] {
  const names: string[] = [];
  if (condition) walkConditions(condition, '', { reference: (ref) => names.push(ref.condition) });
  return names;
}

/** The named conditions a tree uses, directly or through other named conditions. */
export function referencedConditions(root: TopCondition, conditions: Record<string, TopCondition>): Set<string> {
  const found = new Set<string>();
  const pending = directReferences(root);
  while (pending.length) {
    const name = pending.pop() as string;
    if (found.has(name) || !conditions[name]) continue;
    found.add(name);
    pending.push(...directReferences(conditions[name]));
  }
  return found;
}
