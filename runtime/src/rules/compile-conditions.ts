import { compileFactAccess, UndefinedFactError, type FactAccess, type FactAccessOptions, type RunState } from './fact-access.js';
import type { OperatorRegistry } from './operator-registry.js';
import { isFactReference, type ConditionDocument, type FactCondition, type TopCondition } from './rule-set.document.js';
import type { ConditionResult } from './rule-run.js';

/**
 * A condition compiled to two closures over the same evaluation order:
 * `test` returns the result only (bulk runs), `explain` also builds the
 * result tree. Both follow json-rules-engine 7.3.1's `Rule.evaluate`:
 *
 * - an all/any list of none is `true`; of one is that condition's own
 *   result, passed through as returned (an operator's truthy non-boolean
 *   too); of more is grouped by priority, highest first: every condition of
 *   a group is evaluated, later groups only while undecided, and a group
 *   counts a condition as passing only when its result is `=== true`;
 * - a nested all/any/not's result is `=== true` of its value; `not` is `!`;
 * - a condition's priority is its own, else its fact's, else 1; a boolean
 *   node's is its own or 1.
 */
export interface CompiledCondition {
  readonly priority: number;
  readonly test: (state: RunState) => unknown;
  readonly explain: (state: RunState) => ConditionResult;
  /** The tree as it stands when the condition is never evaluated. */
  readonly skipped: () => ConditionResult;
}

export interface ConditionCompileContext extends FactAccessOptions {
  readonly operators: OperatorRegistry;
  readonly named: ReadonlyMap<string, TopCondition>;
  /** Fact priorities of computed facts. */
  readonly factPriority: (fact: string) => number | undefined;
}

/** Thrown out of a run, with the path of the condition that failed. */
export class ConditionEvaluationError extends Error {
  readonly code: 'rule.undefined-fact' | 'rule.evaluation-error';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.code = cause instanceof UndefinedFactError ? 'rule.undefined-fact' : 'rule.evaluation-error';
  }
}

export function compileCondition(node: ConditionDocument, path: string, context: ConditionCompileContext, referencing: readonly string[] = []): CompiledCondition {
  if ('any' in node || 'all' in node) {
    const kind = 'any' in node ? 'any' : 'all';
    const children = ('any' in node ? node.any : node.all).map((child, index) => compileCondition(child, `${path}.${kind}[${index}]`, context, referencing));
    const list = compileList(kind, children);
    const priority = node.priority || 1;
    return {
      priority,
      test: (state) => list.test(state) === true,
      explain: (state) => {
        const { result, results } = list.explain(state);
        return { kind, path, priority, result: result === true, conditions: results };
      },
      skipped: () => ({ kind, path, priority, conditions: children.map((child) => child.skipped()) }),
    };
  }
  if ('not' in node) {
    const inner = compileCondition(node.not, `${path}.not`, context, referencing);
    const priority = node.priority || 1;
    return {
      priority,
      test: (state) => !inner.test(state),
      explain: (state) => {
        const condition = inner.explain(state);
        return { kind: 'not', path, priority, result: !condition.result, condition };
      },
      skipped: () => ({ kind: 'not', path, priority, condition: inner.skipped() }),
    };
  }
  if ('condition' in node) return compileReference(node.condition, node.priority, path, context, referencing);
  return compileFact(node, path, context);
}

/** An all/any list at any depth, before the nested node's `=== true`: the root uses it directly. */
export function compileList(kind: 'all' | 'any', children: readonly CompiledCondition[]): {
  test: (state: RunState) => unknown;
  explain: (state: RunState) => { result: unknown; results: ConditionResult[] };
} {
  if (children.length === 0) return { test: () => true, explain: () => ({ result: true, results: [] }) };
  if (children.length === 1) {
    const only = children[0] as CompiledCondition;
    return {
      test: only.test,
      explain: (state) => {
        const result = only.explain(state);
        return { result: result.result, results: [result] };
      },
    };
  }
  const groups = [...new Set(children.map((child) => child.priority))].sort((a, b) => b - a).map((priority) => children.map((child, index) => ({ child, index })).filter(({ child }) => child.priority === priority));
  const all = kind === 'all';
  const tests = groups.map((group) => group.map(({ child }) => child.test));
  return {
    test: (state) => {
      for (const group of tests) {
        let passed = all;
        // Every condition of a group runs (json-rules-engine evaluates a group with Promise.all).
        for (const test of group) {
          const ok = test(state) === true;
          passed = all ? passed && ok : passed || ok;
        }
        if (passed !== all) return !all;
      }
      return all;
    },
    explain: (state) => {
      const results: ConditionResult[] = children.map((child) => child.skipped());
      let decided: boolean | undefined;
      for (const group of groups) {
        let passed = all;
        for (const { child, index } of group) {
          const result = child.explain(state);
          results[index] = result;
          const ok = result.result === true;
          passed = all ? passed && ok : passed || ok;
        }
        if (passed !== all) {
          decided = !all;
          break;
        }
      }
      return { result: decided ?? all, results };
    },
  };
}

function compileReference(name: string, priority: number | undefined, path: string, context: ConditionCompileContext, referencing: readonly string[]): CompiledCondition {
  const target = context.named.get(name);
  if (!target || referencing.includes(name)) throw new Error(`Condition "${name}" is unknown or refers to itself: check the rule set before compiling it`);
  const inner = compileCondition(target, `conditions[${name}]`, context, [...referencing, name]);
  const reference = (result?: boolean, condition?: ConditionResult): ConditionResult => ({
    kind: 'reference',
    path,
    name,
    ...(result === undefined ? {} : { result }),
    ...(condition ? { condition } : {}),
  });
  return {
    // A reference is grouped by its own priority; json-rules-engine ignores the referenced condition's for grouping.
    priority: priority || 1,
    test: (state) => inner.test(state) === true,
    explain: (state) => {
      const condition = inner.explain(state);
      return reference(condition.result === true, condition);
    },
    skipped: () => reference(),
  };
}

function compileFact(node: FactCondition, path: string, context: ConditionCompileContext): CompiledCondition {
  const operator = context.operators.resolve(node.operator);
  if (!operator) throw new Error(`Unknown operator "${node.operator}" at ${path}: check the rule set before compiling it`);
  const evaluate = operator.evaluate;
  const left = compileFactAccess(node.fact, node.params, node.path, context);
  const reference = isFactReference(node.value) ? node.value : undefined;
  const right: FactAccess | undefined = reference && compileFactAccess(reference.fact, reference.params, reference.path, context);
  const literal = node.value;
  const base = {
    kind: 'fact' as const,
    path,
    fact: node.fact,
    ...(node.path === undefined ? {} : { factPath: node.path }),
    ...(node.params === undefined ? {} : { params: node.params }),
    operator: node.operator,
    value: node.value,
  };
  const fail = (error: unknown): never => {
    throw error instanceof ConditionEvaluationError ? error : new ConditionEvaluationError(path, error);
  };
  // json-rules-engine resolves the value before the fact (Promise.all([value, fact])).
  const test = right
    ? (state: RunState) => {
        try {
          const valueResult = right(state);
          return evaluate(left(state), valueResult);
        } catch (error) {
          return fail(error);
        }
      }
    : (state: RunState) => {
        try {
          return evaluate(left(state), literal);
        } catch (error) {
          return fail(error);
        }
      };
  return {
    priority: node.priority || context.factPriority(node.fact) || 1,
    test,
    explain: (state) => {
      try {
        const valueResult = right ? right(state) : literal;
        const factResult = left(state);
        return { ...base, evaluated: true, factResult, valueResult, result: evaluate(factResult, valueResult) };
      } catch (error) {
        return fail(error);
      }
    },
    skipped: () => ({ ...base, evaluated: false }),
  };
}
