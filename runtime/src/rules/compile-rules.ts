import { compileCondition, compileList, ConditionEvaluationError, type CompiledCondition, type ConditionCompileContext } from './compile-conditions.js';
import { createRunState, type RunState } from './fact-access.js';
import { generateRuleTests, RuleFailure } from './generate-rule-tests.js';
import type { FactRegistry } from './fact-registry.js';
import type { OperatorRegistry } from './operator-registry.js';
import type { TopCondition } from './rule-set.document.js';
import type { ConditionResult, RuleEvent, RuleResult, RuleRun, RuleRunError } from './rule-run.js';

export interface RuleSource {
  readonly key: string;
  readonly priority?: number;
  readonly conditions: TopCondition;
  readonly event: RuleEvent;
}

export interface CompileRulesOptions {
  readonly operators: OperatorRegistry;
  readonly facts?: FactRegistry;
  /** json-rules-engine's `allowUndefinedFacts`: a fact nobody gives or computes reads as `undefined` instead of failing the run. */
  readonly allowUndefinedFacts?: boolean;
  /** Named conditions (`{ condition: name }`). */
  readonly conditions?: Readonly<Record<string, TopCondition>>;
  /** Path prefix of a rule in problems and errors; `rules[<key>]` by default. */
  readonly pathOf?: (key: string) => string;
  /**
   * Generate JavaScript for the fast path (`fire`, and `run` without
   * `explain`) instead of closures: faster in bulk, but it uses
   * `new Function`, which a strict Content-Security-Policy forbids in
   * browsers (there the closures are used). Explanations always come from
   * the closures.
   */
  readonly generate?: boolean;
}

export interface CompiledRules {
  readonly keys: readonly string[];
  /**
   * Runs every rule against `facts`; with `explain`, each rule's result
   * carries its condition tree. `base` facts are read where `facts` has
   * none, as if the two were one object.
   */
  run(facts: Readonly<Record<string, unknown>>, options?: { explain?: boolean; base?: Readonly<Record<string, unknown>> }): RuleRun;
  /**
   * The bulk path: whether each rule fired, in `keys` order, into `out`;
   * no results are built. Returns the error when a rule fails at run time.
   */
  fire(facts: Readonly<Record<string, unknown>>, out: { [index: number]: number }, base?: Readonly<Record<string, unknown>>): RuleRunError | undefined;
}

interface CompiledRule {
  readonly key: string;
  readonly root: TopCondition;
  readonly priority: number;
  readonly event: RuleEvent;
  readonly path: string;
  readonly test: (state: RunState) => unknown;
  readonly explain: (state: RunState) => { result: unknown; tree: ConditionResult };
}

/**
 * Compiles rules in json-rules-engine's format into closures (no `eval`,
 * so it runs under a strict Content-Security-Policy in the browser; with
 * `generate`, the bulk path is generated code instead) that give
 * json-rules-engine 7.3.1's results without its promises: rules run
 * by priority, highest first; every rule runs; a rule fires when its
 * conditions' result is truthy. One difference, on purpose: rules of the
 * same priority are reported in document order, where json-rules-engine
 * reports them in the order their promises happen to settle.
 *
 * The rules must have been checked (`checkRuleSet`): an unknown operator or
 * named condition here is a programming error and throws.
 */
export function compileRules(rules: readonly RuleSource[], options: CompileRulesOptions): CompiledRules {
  const pathOf = options.pathOf ?? ((key: string) => `rules[${key}]`);
  const factAccess = { registry: options.facts, allowUndefinedFacts: options.allowUndefinedFacts ?? false };
  const context: ConditionCompileContext = {
    operators: options.operators,
    ...factAccess,
    named: new Map(Object.entries(options.conditions ?? {})),
    factPriority: (fact) => options.facts?.get(fact)?.priority,
  };
  const sorted = rules
    .map((rule, index) => ({ rule: compileRule(rule, pathOf(rule.key), context), index }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index)
    .map(({ rule }) => rule);
  const generated = options.generate ? generateOrNot(sorted, context) : undefined;
  const compiled = generated ? sorted.map((rule, index) => ({ ...rule, test: generated.tests[index] as CompiledRule['test'] })) : sorted;
  const keys = compiled.map((rule) => rule.key);

  return {
    keys,
    run(facts, runOptions) {
      const state = createRunState(facts, factAccess, runOptions?.base);
      const explain = runOptions?.explain ?? false;
      const events: RuleEvent[] = [];
      const failureEvents: RuleEvent[] = [];
      const results: RuleResult[] = [];
      for (const rule of compiled) {
        let result: unknown;
        let tree: ConditionResult | undefined;
        try {
          if (explain) ({ result, tree } = rule.explain(state));
          else result = rule.test(state);
        } catch (error) {
          if (!(error instanceof ConditionEvaluationError)) throw error;
          return { ok: false, error: { code: error.code, rule: rule.key, path: error.path, message: error.message } };
        }
        const fired = Boolean(result);
        (fired ? events : failureEvents).push(rule.event);
        results.push({ rule: rule.key, priority: rule.priority, result, fired, event: rule.event, ...(tree ? { conditions: tree } : {}) });
      }
      return { ok: true, events, failureEvents, results };
    },
    fire(facts, out, base) {
      const state = createRunState(facts, factAccess, base);
      if (generated) {
        try {
          generated.fire(state, out);
          return undefined;
        } catch (error) {
          if (!(error instanceof RuleFailure)) throw error;
          const rule = compiled[error.rule] as CompiledRule;
          return { code: error.error.code, rule: rule.key, path: error.error.path, message: error.error.message };
        }
      }
      for (let index = 0; index < compiled.length; index++) {
        const rule = compiled[index] as CompiledRule;
        try {
          out[index] = rule.test(state) ? 1 : 0;
        } catch (error) {
          if (!(error instanceof ConditionEvaluationError)) throw error;
          return { code: error.code, rule: rule.key, path: error.path, message: error.message };
        }
      }
      return undefined;
    },
  };
}

/** Generated code where the environment allows `new Function`; under a Content-Security-Policy that forbids it, the closures. */
function generateOrNot(rules: readonly CompiledRule[], context: ConditionCompileContext): ReturnType<typeof generateRuleTests> | undefined {
  try {
    return generateRuleTests(rules.map((rule) => ({ root: rule.root, path: rule.path })), context);
  } catch (error) {
    if (error instanceof EvalError) return undefined;
    throw error;
  }
}

function compileRule(rule: RuleSource, path: string, context: ConditionCompileContext): CompiledRule {
  const root = rule.conditions;
  const at = `${path}.conditions`;
  const base = { key: rule.key, root, priority: rule.priority ?? 1, event: rule.event, path };
  if ('all' in root || 'any' in root) {
    // The root list is not a nested condition: its result is passed on as it is (no `=== true`).
    const kind = 'any' in root ? 'any' : 'all';
    const children: CompiledCondition[] = ('any' in root ? root.any : root.all).map((child, index) => compileCondition(child, `${at}.${kind}[${index}]`, context));
    const list = compileList(kind, children);
    const priority = root.priority || 1;
    return {
      ...base,
      test: list.test,
      explain: (state) => {
        const { result, results } = list.explain(state);
        return { result, tree: { kind, path: at, priority, result: Boolean(result), conditions: results } };
      },
    };
  }
  const node = compileCondition(root, at, context);
  return {
    ...base,
    test: node.test,
    explain: (state) => {
      const tree = node.explain(state);
      return { result: tree.result, tree };
    },
  };
}
