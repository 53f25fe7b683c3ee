import { problem, type Problem } from '../problems/problem.js';
import { isFactReference, type ConditionDocument, type FactCondition } from './rule-set.document.js';
import { walkConditions } from './walk-conditions.js';

/**
 * Contradictions that are cheap to see: two conditions directly under one
 * `all`, on the same fact, path and params, with literal values, that can
 * never both hold (equal "a" and equal "b"; equal x and notEqual x; equal x
 * and an `in` list without x; numeric bounds that leave nothing, like > 50
 * and < 10). One pass over each `all` list, pairs of conditions per fact:
 * quadratic in the (small) number of conditions on one fact. Decorated
 * operators and computed comparisons are left alone.
 */
export function checkContradictions(root: ConditionDocument, path: string, problems: Problem[]): void {
  walkConditions(root, path, {
    list: (kind, conditions, at) => {
      if (kind !== 'all') return;
      const groups = new Map<string, { condition: FactCondition; index: number }[]>();
      conditions.forEach((condition, index) => {
        if (!isLiteralCondition(condition)) return;
        const key = subjectOf(condition);
        groups.set(key, [...(groups.get(key) ?? []), { condition, index }]);
      });
      for (const group of groups.values()) {
        group.forEach((later, position) => {
          for (const earlier of group.slice(0, position)) {
            const reason = contradiction(earlier.condition, later.condition);
            if (reason) {
              problems.push(
                problem('rule.contradiction', `${at}[${later.index}]`, `this condition and ${at.split('.').pop()}[${earlier.index}] can never both hold: ${reason}`, 'the rule can never fire; remove or correct one of the two'),
              );
            }
          }
        });
      }
    },
  });
}

type Bound = { value: number; inclusive: boolean };

/** A fact condition comparing with a literal (not another fact). */
export function isLiteralCondition(condition: ConditionDocument): condition is FactCondition {
  return 'fact' in condition && 'operator' in condition && !isFactReference(condition.value);
}

/** What a condition is about: its fact, path and params. */
export function subjectOf(condition: FactCondition): string {
  return JSON.stringify([condition.fact, condition.path ?? '', condition.params ?? null]);
}

/** Why two fact conditions can never both hold, or null (see above for what is looked at). */
export function contradiction(a: FactCondition, b: FactCondition): string | null {
  const fact = `"${a.fact}${a.path ?? ''}"`;
  const excluded = (x: FactCondition, y: FactCondition): string | null => {
    if (x.operator !== 'equal') return null;
    if (y.operator === 'equal' && x.value !== y.value) return `${fact} cannot equal both ${show(x.value)} and ${show(y.value)}`;
    if (y.operator === 'notEqual' && x.value === y.value) return `${fact} cannot equal and not equal ${show(x.value)}`;
    if (y.operator === 'in' && Array.isArray(y.value) && !y.value.includes(x.value)) return `${show(x.value)} is not in ${show(y.value)}`;
    if (y.operator === 'notIn' && Array.isArray(y.value) && y.value.includes(x.value)) return `${show(x.value)} is in the excluded ${show(y.value)}`;
    if (typeof x.value === 'number' && boundsOf(y) && !withinBounds(x.value, [boundsOf(y)!])) return `${fact} equal ${x.value} is outside ${y.operator} ${show(y.value)}`;
    return null;
  };
  const either = excluded(a, b) ?? excluded(b, a);
  if (either) return either;
  const boundA = boundsOf(a);
  const boundB = boundsOf(b);
  if (boundA && boundB && boundA.side !== boundB.side) {
    const lower = boundA.side === 'lower' ? boundA : boundB;
    const upper = boundA.side === 'upper' ? boundA : boundB;
    const empty = lower.value > upper.value || (lower.value === upper.value && !(lower.inclusive && upper.inclusive));
    if (empty) return `no number is ${lower.inclusive ? '≥' : '>'} ${lower.value} and ${upper.inclusive ? '≤' : '<'} ${upper.value}`;
  }
  return null;
}

function boundsOf(condition: FactCondition): (Bound & { side: 'lower' | 'upper' }) | null {
  if (typeof condition.value !== 'number') return null;
  switch (condition.operator) {
    case 'greaterThan':
      return { side: 'lower', value: condition.value, inclusive: false };
    case 'greaterThanInclusive':
      return { side: 'lower', value: condition.value, inclusive: true };
    case 'lessThan':
      return { side: 'upper', value: condition.value, inclusive: false };
    case 'lessThanInclusive':
      return { side: 'upper', value: condition.value, inclusive: true };
    default:
      return null;
  }
}

function withinBounds(value: number, bounds: (Bound & { side: 'lower' | 'upper' })[]): boolean {
  return bounds.every((bound) =>
    bound.side === 'lower' ? (bound.inclusive ? value >= bound.value : value > bound.value) : bound.inclusive ? value <= bound.value : value < bound.value,
  );
}

const show = (value: unknown): string => JSON.stringify(value);
