import type { ConditionDocument, TopCondition } from '../rule-set.document.js';
import type { RuleSource } from '../compile-rules.js';

/**
 * A seeded generator of rule sets and facts for the differential tests:
 * every built-in operator, decorator chains, nested all/any/not, named
 * conditions, priorities, paths, fact references on the right, computed
 * facts with params, and facts that are missing, null, undefined, of the
 * wrong type (numbers as text, "12abc"), lists and nested objects.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  // mulberry32: a small, fast 32-bit generator, good enough to vary test cases.
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RuleCase {
  rules: RuleSource[];
  conditions: Record<string, TopCondition>;
  facts: Record<string, unknown>;
  allowUndefinedFacts: boolean;
}

export const BASE_OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];
export const DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];
/** A custom operator registered in both engines; it returns a number, not a boolean. */
export const CUSTOM_OPERATOR = 'lengthAtLeast';
export const FACT_NAMES = ['n', 'm', 'text', 'flag', 'list', 'record', 'nothing', 'gone'];
export const COMPUTED_FACTS = ['doubled', 'lookup'];
const PATHS = ['$', '$.a', '$.a.b', '$.list[0]', "$['a']", '$.name.length', '$.list.length', '$[1]'];

export function generateRuleCase(random: () => number): RuleCase {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;

  const scalar = (): unknown =>
    pick<() => unknown>([
      () => Math.floor(random() * 10) - 2,
      () => Math.round(random() * 100) / 10,
      () => pick(['5', '12abc', 'abc', '', '3.5', 'a', 'b']),
      () => chance(0.5),
      () => null,
    ])();
  const value = (depth = 0): unknown =>
    pick<() => unknown>([
      scalar,
      scalar,
      () => Array.from({ length: Math.floor(random() * 4) }, scalar),
      () => (depth > 1 ? scalar() : { a: chance(0.7) ? (chance(0.5) ? { b: scalar() } : scalar()) : undefined, name: pick(['abc', 'x', '']), list: [scalar(), scalar()] }),
    ])();

  const facts: Record<string, unknown> = {};
  for (const name of FACT_NAMES) {
    if (name === 'gone' || chance(0.1)) continue;
    facts[name] = name === 'nothing' ? (chance(0.5) ? undefined : null) : value();
  }
  // A fact given to the run wins over a computed fact of the same name (its priority stays the computed one's).
  if (chance(0.1)) facts['doubled'] = value();

  const factReference = () => ({
    fact: pick([...FACT_NAMES, ...COMPUTED_FACTS]),
    ...(chance(0.3) ? { path: pick(PATHS) } : {}),
    ...(chance(0.2) ? { params: { k: Math.floor(random() * 3) } } : {}),
  });
  const operator = () => {
    const base = chance(0.08) ? CUSTOM_OPERATOR : pick(BASE_OPERATORS);
    const decorators = chance(0.35) ? Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(DECORATORS)) : [];
    return [...decorators, base].join(':');
  };
  const named: Record<string, TopCondition> = {};
  const priority = () => (chance(0.3) ? { priority: 1 + Math.floor(random() * 3) } : {});

  const condition = (depth: number): ConditionDocument => {
    const roll = random();
    if (depth < 3 && roll < 0.25) return { [chance(0.5) ? 'all' : 'any']: list(depth + 1), ...priority() } as ConditionDocument;
    if (depth < 3 && roll < 0.32) return { not: condition(depth + 1), ...priority() };
    const names = Object.keys(named);
    if (names.length && roll < 0.38) return { condition: pick(names), ...priority() };
    return { ...factReference(), operator: operator(), value: chance(0.2) ? factReference() : value(), ...priority() };
  };
  const list = (depth: number): ConditionDocument[] => Array.from({ length: Math.floor(random() * 4) }, () => condition(depth));
  const top = (depth: number): TopCondition => {
    const roll = random();
    if (roll < 0.1) return { not: condition(depth + 1) };
    const names = Object.keys(named);
    if (names.length && roll < 0.15) return { condition: pick(names) };
    return (chance(0.5) ? { all: list(depth + 1) } : { any: list(depth + 1) });
  };

  for (let index = 0; index < Math.floor(random() * 3); index++) named[`named_${index}`] = top(1);
  const rules: RuleSource[] = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, index) => ({
    key: `rule_${index}`,
    ...(chance(0.6) ? { priority: 1 + Math.floor(random() * 3) } : {}),
    conditions: top(0),
    event: { type: `event_${index}`, ...(chance(0.5) ? { params: { index } } : {}) },
  }));
  return { rules, conditions: named, facts, allowUndefinedFacts: chance(0.6) };
}
