import { numberValidator } from './builtin-operators.js';
import { ConditionEvaluationError, type ConditionCompileContext } from './compile-conditions.js';
import { compileFactAccess, type RunState } from './fact-access.js';
import { isFactReference, type ConditionDocument, type FactReference, type TopCondition } from './rule-set.document.js';

export type RuleTest = (state: RunState) => unknown;

export interface GeneratedRules {
  /** Each rule's result, in the order given. */
  readonly tests: readonly RuleTest[];
  /** Every rule at once into `out` (1 fired, 0 not); throws a RuleFailure naming the rule that failed. */
  readonly fire: (state: RunState, out: { [index: number]: number }) => void;
}

/** Thrown by `fire` when a rule fails at run time. */
export class RuleFailure extends Error {
  constructor(
    readonly rule: number,
    readonly error: ConditionEvaluationError,
  ) {
    super(error.message);
  }
}

interface Node {
  /** Expression for the node's result as a parent list sees it. */
  readonly call: string;
  readonly priority: number;
}

/**
 * Rules compiled to JavaScript source and then to functions with
 * `new Function`, for bulk evaluation on the server: the result of each
 * rule, with the same evaluation order and results as the closures in
 * `compile-conditions.ts` (the differential tests run both against
 * json-rules-engine). Why generate code at all: closures call through a
 * closure per fact read, operator and validator, and V8 cannot inline
 * those calls because every condition shares the same closure code;
 * generated code reads `f["segment"]` and compares inline, which brings
 * bulk pricing within 3× of a hand-written function (closures: about 7×;
 * runtime/README.md has the figures). What goes into the source: only numbers, JSON
 * string literals of names, and indexes into a constants array (values,
 * operators, fact readers), so no rule text is ever evaluated as code.
 * Browsers with a strict Content-Security-Policy use the closures.
 */
export function generateRuleTests(roots: readonly { root: TopCondition; path: string }[], context: ConditionCompileContext): GeneratedRules {
  const constants: unknown[] = [];
  const functions: string[] = [];
  const named = new Map<string, string>();
  const building = new Set<string>();
  const constant = (value: unknown): string => `K[${constants.push(value) - 1}]`;

  /**
   * One function per rule (and per named condition): its conditions are one
   * expression with temporaries, so a rule makes no calls but to fact
   * readers it cannot inline. `p` is the condition being evaluated, for
   * the path of an error.
   */
  const define = (build: (scope: Scope) => string): string => {
    const scope: Scope = { paths: [], temporaries: 0 };
    const expression = build(scope);
    const name = `c${functions.length}`;
    const temporaries = Array.from({ length: scope.temporaries }, (_, index) => `, t${index}`).join('');
    functions.push(`function ${name}(s, f, b) {\nlet p = 0, a, v${temporaries};\ntry {\nreturn ${expression};\n} catch (error) { throw X(error, ${constant(scope.paths)}[p]); }\n}`);
    return name;
  };

  const list = (kind: 'all' | 'any', children: readonly Node[], scope: Scope): string => {
    if (children.length === 0) return 'true';
    if (children.length === 1) return (children[0] as Node).call;
    const priorities = [...new Set(children.map((child) => child.priority))].sort((x, y) => y - x);
    const groups = priorities.map((priority) => {
      // Every condition of a group runs before the group is decided, as json-rules-engine's Promise.all.
      const results = children.filter((child) => child.priority === priority).map((child) => ({ name: `t${scope.temporaries++}`, call: child.call }));
      return `(${results.map((result) => `${result.name} = (${result.call}) === true`).join(', ')}, ${results.map((result) => result.name).join(kind === 'all' ? ' && ' : ' || ')})`;
    });
    return `(${groups.join(kind === 'all' ? ' && ' : ' || ')})`;
  };

  const read = (reference: FactReference, target: 'a' | 'v'): string => {
    const access = constant(compileFactAccess(reference.fact, reference.params, reference.path, context));
    // The common case, a fact given to the run (or its base) without a path, is read inline; the rest through the closure.
    if (reference.path !== undefined || context.registry?.get(reference.fact) || reference.fact in Object.prototype) return `${target} = ${access}(s)`;
    const name = JSON.stringify(reference.fact);
    // `in` stands for `Object.hasOwn` here (V8 caches it per object shape): facts are plain objects, and names that
    // Object.prototype has were sent through the closure above.
    return `(${target} = f[${name}], ${target} === undefined && !(${name} in f) && (${target} = b === undefined ? undefined : b[${name}], ${target} === undefined && (b === undefined || !(${name} in b)) && (${target} = ${access}(s))))`;
  };

  const leaf = (node: Extract<ConditionDocument, { operator: string }>, path: string, scope: Scope): Node => {
    const operator = context.operators.resolve(node.operator);
    if (!operator) throw new Error(`Unknown operator "${node.operator}" at ${path}: check the rule set before compiling it`);
    const reference = isFactReference(node.value) ? node.value : undefined;
    const value = reference ? 'v' : literal(node.value, constant);
    const inline = operator.decorators.length === 0 ? operator.base.inline : undefined;
    const test = inline ? inline('a', `(${value})`, reference ? undefined : { value: node.value }) : `${constant(operator.evaluate)}(a, ${value})`;
    const steps = [`p = ${scope.paths.push(path) - 1}`, ...(reference ? [read(reference, 'v')] : []), read(node, 'a'), `(${test})`];
    return { call: `(${steps.join(', ')})`, priority: node.priority || context.factPriority(node.fact) || 1 };
  };

  const condition = (node: ConditionDocument, path: string, scope: Scope): Node => {
    if ('any' in node || 'all' in node) {
      const kind = 'any' in node ? 'any' : 'all';
      const children = ('any' in node ? node.any : node.all).map((child, index) => condition(child, `${path}.${kind}[${index}]`, scope));
      return { call: `(${list(kind, children, scope)} === true)`, priority: node.priority || 1 };
    }
    if ('not' in node) return { call: `!(${condition(node.not, `${path}.not`, scope).call})`, priority: node.priority || 1 };
    if ('condition' in node) return { call: `(${reference(node.condition)}(s, f, b) === true)`, priority: node.priority || 1 };
    return leaf(node, path, scope);
  };

  /** A named condition as a function returning its top node's result. */
  const reference = (name: string): string => {
    const known = named.get(name);
    if (known) return known;
    const target = context.named.get(name);
    if (!target || building.has(name)) throw new Error(`Condition "${name}" is unknown or refers to itself: check the rule set before compiling it`);
    building.add(name);
    const result = top(target, `conditions[${name}]`);
    named.set(name, result);
    return result;
  };

  const top = (root: TopCondition, path: string): string =>
    define((scope) => {
      if (!('all' in root || 'any' in root)) return condition(root, path, scope).call;
      const kind = 'any' in root ? 'any' : 'all';
      return list(kind, ('any' in root ? root.any : root.all).map((child, index) => condition(child, `${path}.${kind}[${index}]`, scope)), scope);
    });

  const entries = roots.map(({ root, path }) => top(root, `${path}.conditions`));
  // One function fires every rule: one call per run.
  const fire = `function fire(s, out) {\nconst f = s.facts, b = s.base;\nlet i = 0;\ntry {\n${entries.map((entry, index) => `i = ${index}; out[${index}] = ${entry}(s, f, b) ? 1 : 0;`).join('\n')}\n} catch (error) { throw W(i, error); }\n}`;
  const source = `"use strict";\n${functions.join('\n')}\n${fire}\nreturn { tests: [${entries.join(', ')}], fire };`;
  const fail = (error: unknown, path: string) => (error instanceof ConditionEvaluationError ? error : new ConditionEvaluationError(path, error));
  const wrap = (rule: number, error: unknown) => (error instanceof ConditionEvaluationError ? new RuleFailure(rule, error) : error);
  const built = new Function('K', 'NV', 'X', 'W', source)(constants, numberValidator, fail, wrap) as {
    tests: ((state: RunState, facts: unknown, base: unknown) => unknown)[];
    fire: GeneratedRules['fire'];
  };
  return { tests: built.tests.map((test) => (state: RunState) => test(state, state.facts, state.base)), fire: built.fire };
}

interface Scope {
  readonly paths: string[];
  temporaries: number;
}

/** A literal operand: finite numbers, text, booleans and null written out; anything else through the constants. */
function literal(value: unknown, constant: (value: unknown) => string): string {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return String(value);
  return constant(value);
}
