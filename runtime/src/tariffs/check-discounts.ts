import { problem, type Problem } from '../problems/problem.js';
import { periodsOverlap } from './validity-period.js';
import { checkConditions, type ConditionCheckContext } from '../rules/check-conditions.js';
import { checkContradictions } from '../rules/check-contradictions.js';
import type { TopCondition } from '../rules/rule-set.document.js';
import type { DiscountDocument } from './discount.document.js';
import { checkValidity } from './check-offerings.js';
import type { OfferingDocument } from './offering.document.js';

/**
 * Targets, eligibility conditions and exclusivity of the discounts. Two
 * exclusive discounts of the same priority that can meet on one component
 * (same target, overlapping offerings and validity) leave the winner to
 * chance, so they are refused: give one a higher priority.
 */
export function checkDiscounts(
  discounts: readonly DiscountDocument[],
  eligibility: ReadonlyMap<string, TopCondition>,
  offerings: ReadonlyMap<string, OfferingDocument>,
  conditions: ConditionCheckContext,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const discount of discounts) {
    const path = `discounts[${discount.key}]`;
    if (seen.has(discount.key)) problems.push(problem('tariff.duplicate-key', `${path}.key`, `two discounts have the key "${discount.key}"`));
    seen.add(discount.key);
    problems.push(...checkValidity(discount, path));
    problems.push(...checkTargets(discount, offerings, path));
    const condition = eligibility.get(discount.key);
    if (condition) {
      checkConditions(condition, `${path}.eligibility`, conditions, problems);
      checkContradictions(condition, `${path}.eligibility`, problems);
    }
  }
  problems.push(...overlappingExclusives(discounts));
  return problems;
}

function checkTargets(discount: DiscountDocument, offerings: ReadonlyMap<string, OfferingDocument>, path: string): Problem[] {
  const problems: Problem[] = [];
  const targets = discount.offerings ?? [...offerings.keys()];
  for (const key of discount.offerings ?? []) if (!offerings.has(key)) problems.push(problem('tariff.unknown-offering', `${path}.offerings`, `no offering "${key}"`));
  if (discount.type === 'freeAllowance') {
    if (!targets.some((key) => offerings.get(key)?.allowances?.some((a) => a.key === discount.allowance))) {
      problems.push(problem('discount.unknown-allowance', `${path}.allowance`, `none of the discount's offerings has an allowance "${discount.allowance}"`));
    }
    return problems;
  }
  const component = discount.component;
  const matching = targets.filter((key) => offerings.get(key)?.components.some((c) => c.key === component));
  if (!matching.length) problems.push(problem('discount.unknown-component', `${path}.component`, `none of the discount's offerings has a price component "${component}"`));
  if (discount.type === 'freeMonths') {
    const oneTime = matching.filter((key) => offerings.get(key)?.components.find((c) => c.key === component)?.charge === 'oneTime');
    if (oneTime.length) problems.push(problem('discount.free-months-one-time', `${path}.component`, `free months apply to a monthly component; "${component}" is a one-time charge of ${oneTime.join(', ')}`));
  }
  return problems;
}

function overlappingExclusives(discounts: readonly DiscountDocument[]): Problem[] {
  const problems: Problem[] = [];
  const exclusive = discounts.filter((d) => d.stacking === 'exclusive');
  exclusive.forEach((later, index) => {
    for (const earlier of exclusive.slice(0, index)) {
      if (earlier.priority !== later.priority || targetOf(earlier) !== targetOf(later)) continue;
      const offeringsMeet = !earlier.offerings || !later.offerings || earlier.offerings.some((key) => later.offerings?.includes(key));
      if (offeringsMeet && periodsOverlap(earlier, later)) {
        problems.push(
          problem('discount.overlapping-exclusive', `discounts[${later.key}].priority`, `"${later.key}" and "${earlier.key}" are both exclusive, of priority ${later.priority}, on ${targetOf(later)} of the same offerings at the same time: which one applies would be left to chance`, 'give one of them a higher priority, or make their offerings or validity periods disjoint'),
        );
      }
    }
  });
  return problems;
}

function targetOf(discount: DiscountDocument): string {
  return discount.type === 'freeAllowance' ? `allowance ${discount.allowance}` : `component ${discount.component}`;
}
