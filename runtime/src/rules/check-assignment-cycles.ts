import { problem, type Problem } from '../problems/problem.js';

export interface AssigningRule {
  readonly key: string;
  readonly reads: ReadonlySet<string>;
  readonly writes: ReadonlySet<string>;
}

/**
 * Cycles between defaulting and assignment rules: rule A → rule B when A
 * writes a field that B's conditions or values read. A cycle means the
 * outcome depends on the order the rules happen to run in (A's value
 * changes whether B fires, whose value changes whether A fires), so it is
 * refused. A rule reading the field it sets (a default for an empty field)
 * is not a cycle. Depth-first search with three colours, O(rules + edges).
 */
export function checkAssignmentCycles(rules: readonly AssigningRule[], pathOf: (key: string) => string): Problem[] {
  const next = new Map(rules.map((rule) => [rule.key, rules.filter((other) => other !== rule && [...rule.writes].some((field) => other.reads.has(field)))]));
  const state = new Map<string, 'open' | 'done'>();
  const problems: Problem[] = [];
  const stack: string[] = [];
  const visit = (rule: AssigningRule): void => {
    state.set(rule.key, 'open');
    stack.push(rule.key);
    for (const target of next.get(rule.key) ?? []) {
      const seen = state.get(target.key);
      if (seen === 'open') {
        const cycle = [...stack.slice(stack.indexOf(target.key)), target.key];
        problems.push(problem('rule.assignment-cycle', pathOf(target.key), `assignment rules form a cycle: ${cycle.join(' → ')}`, 'each rule sets a field another rule of the cycle reads; make one of them read something the others do not set'));
      } else if (seen === undefined) {
        visit(target);
      }
    }
    stack.pop();
    state.set(rule.key, 'done');
  };
  for (const rule of rules) if (!state.has(rule.key)) visit(rule);
  return problems;
}
