import { conditionTest, type FormCompileOptions, type LogicTest } from '../forms/compile-form.js';
import type { ConditionDocument, TopCondition } from '../rules/rule-set.document.js';
import { walkConditions } from '../rules/walk-conditions.js';
import { isEscalationChoice, type EscalationChoice, type EscalationTarget, type TimeLimit } from './time-limit.document.js';

/**
 * A time limit as the timer carries it: each rule-chosen target's `when`
 * with the workflow's named conditions written out, so the timer needs
 * nothing but itself when it fires (a record keeps the version it started
 * on; a timer keeps the limit it was set with), and each branch named (the
 * named condition's name when `when` is one). The limit itself when it
 * chooses nothing.
 */
export function timeLimitForTimers(limit: TimeLimit, conditions: Readonly<Record<string, TopCondition>>): TimeLimit {
  if (!limit.escalate?.some((e) => isEscalationChoice(e.to))) return limit;
  const escalate = limit.escalate.map((e) => {
    if (!isEscalationChoice(e.to)) return e;
    const choose = e.to.choose.map((branch) => {
      const when = branch.when as unknown as TopCondition;
      const name = branch.name ?? ('condition' in when ? when.condition : undefined);
      return { ...branch, when: inlined(when, conditions) as unknown as Record<string, unknown>, ...(name ? { name } : {}) };
    });
    return { to: { ...e.to, choose } };
  });
  return { ...limit, escalate };
}

/** A condition with its named conditions written out in place (the checker refused cycles). */
function inlined(node: ConditionDocument, conditions: Readonly<Record<string, TopCondition>>): ConditionDocument {
  if ('all' in node) return { ...node, all: node.all.map((c) => inlined(c, conditions)) };
  if ('any' in node) return { ...node, any: node.any.map((c) => inlined(c, conditions)) };
  if ('not' in node) return { ...node, not: inlined(node.not, conditions) };
  if ('condition' in node) {
    const named = conditions[node.condition];
    return named ? inlined(named, conditions) : node;
  }
  return node;
}

/** The branch a choice took: its index (null: `otherwise`), its name, and the branches that could not be evaluated. */
export interface ChosenTarget {
  readonly to: EscalationTarget;
  readonly branch: number | null;
  readonly name?: string;
  readonly errors?: readonly string[];
}

export type EscalationChooser = (facts: Readonly<Record<string, unknown>>) => ChosenTarget;

/**
 * A choice as a function of the record's facts, each `when` compiled by the
 * rule compiler guards use (`conditionTest`). A `when` that cannot be
 * evaluated does not hold; why is kept beside the choice.
 */
export function compileEscalationChoice(choice: EscalationChoice, options: FormCompileOptions): EscalationChooser {
  const tests: LogicTest[] = choice.choose.map((branch, i) => conditionTest(branch.when as unknown as TopCondition, `choose[${i}].when`, {}, options));
  return (facts) => {
    const errors: string[] = [];
    for (const [i, test] of tests.entries()) {
      const held = test(facts);
      if (held === true) {
        const { to, name } = choice.choose[i] as EscalationChoice['choose'][number];
        return { to, branch: i, ...(name ? { name } : {}), ...(errors.length ? { errors } : {}) };
      }
      if (held !== false) errors.push(`choose[${i}]: ${(held as { message?: string }).message ?? 'could not be evaluated'}`);
    }
    return { to: choice.otherwise, branch: null, ...(errors.length ? { errors } : {}) };
  };
}

/** The facts a choice reads with a `path`: the references whose records it needs. */
export function factsReadWithPath(choice: EscalationChoice): Set<string> {
  const read = new Set<string>();
  for (const branch of choice.choose) {
    walkConditions(branch.when as unknown as ConditionDocument, '', {
      fact: (condition) => {
        if (condition.path !== undefined) read.add(condition.fact);
        const value = condition.value as { fact?: unknown; path?: unknown } | null;
        if (value && typeof value === 'object' && typeof value.fact === 'string' && value.path !== undefined) read.add(value.fact);
      },
    });
  }
  return read;
}
