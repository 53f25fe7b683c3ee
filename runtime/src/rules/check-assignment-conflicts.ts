import { problem, type Problem } from '../problems/problem.js';
import { contradiction, isLiteralCondition, subjectOf } from './check-contradictions.js';
import type { FactCondition, RuleDocument } from './rule-set.document.js';

/**
 * Contradictory assignments: two defaulting or assignment rules of the same
 * priority that set the same field and can fire together. The value that
 * wins would depend on their order in the document, which nobody reading
 * the rules sees. Rules whose top-level conditions exclude each other
 * (segment equal "enterprise" in one, equal "personal" in the other) are
 * fine: that is how routing by segment is written. Pairs of rules: fine for
 * the tens of rules a rule set has.
 */
export function checkAssignmentConflicts(rules: readonly RuleDocument[], writes: ReadonlyMap<string, ReadonlySet<string>>): Problem[] {
  const problems: Problem[] = [];
  const assigning = rules.filter((rule) => writes.get(rule.key)?.size);
  assigning.forEach((later, index) => {
    for (const earlier of assigning.slice(0, index)) {
      if ((earlier.priority ?? 1) !== (later.priority ?? 1)) continue;
      const shared = [...(writes.get(later.key) ?? [])].filter((field) => writes.get(earlier.key)?.has(field));
      if (!shared.length || exclusive(earlier, later)) continue;
      for (const field of shared) {
        problems.push(
          problem('rule.conflicting-assignments', `rules[${later.key}].event.params.set.${field}`, `"${earlier.key}" and "${later.key}" have the same priority, both set ${field} and can fire together: which value wins would depend on their order`, 'give one a higher priority, or add conditions that exclude each other'),
        );
      }
    }
  });
  return problems;
}

function exclusive(a: RuleDocument, b: RuleDocument): boolean {
  const left = topFacts(a);
  return topFacts(b).some((y) => left.some((x) => subjectOf(x) === subjectOf(y) && contradiction(x, y) !== null));
}

/** The fact conditions every firing of the rule satisfies: those directly under a top-level `all`. */
function topFacts(rule: RuleDocument): FactCondition[] {
  const root = rule.conditions;
  return 'all' in root ? root.all.filter(isLiteralCondition) : [];
}
