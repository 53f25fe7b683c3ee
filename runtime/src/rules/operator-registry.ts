import type { ValueShape } from './value-shape.js';

/** json-rules-engine's operator callback: (fact value, condition value) → result. */
export type OperatorFunction = (factValue: any, value: any) => unknown;

/**
 * One comparison operator. `evaluate` and `validateFact` have exactly
 * json-rules-engine's meaning (`Operator(name, cb, factValueValidator)`):
 * the result is `validateFact(factValue) && evaluate(factValue, value)`.
 * `checkTypes` is Lattice's: at plan time, why the two shapes cannot be
 * compared meaningfully, or null.
 */
export interface RuleOperator {
  readonly name: string;
  readonly evaluate: OperatorFunction;
  readonly validateFact?: (factValue: any) => boolean;
  readonly checkTypes?: (fact: ValueShape, value: ValueShape) => string | null;
  /**
   * For generated rule code: a JavaScript expression over the two operand
   * expressions with exactly the meaning of `validateFact` and `evaluate`
   * (`(a, b) => \`${a} === ${b}\``), given the condition's literal value
   * when it has one. `NV` names json-rules-engine's number validator.
   * Without it, generated code calls `evaluate`.
   */
  readonly inline?: (fact: string, value: string, literal?: { readonly value: unknown }) => string;
}

/**
 * An operator decorator (json-rules-engine 7: `someFact:`, `not:` …): wraps
 * the operator named after the colon. `mapTypes` says which shapes the
 * wrapped operator sees, or why the decorator cannot apply.
 */
export interface RuleOperatorDecorator {
  readonly name: string;
  readonly evaluate: (factValue: any, value: any, next: OperatorFunction) => unknown;
  readonly validateFact?: (factValue: any) => boolean;
  readonly mapTypes?: (fact: ValueShape, value: ValueShape) => { fact: ValueShape; value: ValueShape } | string;
}

/** An operator as a condition uses it, decorators applied. */
export interface ResolvedOperator {
  readonly name: string;
  /** json-rules-engine's `Operator.evaluate`: validator, then callback. */
  readonly evaluate: OperatorFunction;
  readonly base: RuleOperator;
  /** Outermost first, as written (`everyFact:not:equal` → everyFact, not). */
  readonly decorators: readonly RuleOperatorDecorator[];
}

/**
 * Operators and decorators by name. A value, never a module global:
 * `createBuiltinOperators()` gives a new one preloaded with
 * json-rules-engine's, and plugins register more on the one they are handed.
 */
export class OperatorRegistry {
  readonly #operators = new Map<string, RuleOperator>();
  readonly #decorators = new Map<string, RuleOperatorDecorator>();

  register(operator: RuleOperator): this {
    if (this.#operators.has(operator.name)) throw new Error(`Rule operator "${operator.name}" is already registered`);
    this.#operators.set(operator.name, operator);
    return this;
  }

  registerDecorator(decorator: RuleOperatorDecorator): this {
    if (this.#decorators.has(decorator.name)) throw new Error(`Rule operator decorator "${decorator.name}" is already registered`);
    this.#decorators.set(decorator.name, decorator);
    return this;
  }

  operatorNames(): string[] {
    return [...this.#operators.keys()];
  }

  decoratorNames(): string[] {
    return [...this.#decorators.keys()];
  }

  /**
   * Resolves a name the way json-rules-engine's `OperatorMap.get` does: a
   * registered operator by its full name first; otherwise split at the first
   * colon, which must name a decorator, and continue with the rest.
   */
  resolve(name: string): ResolvedOperator | undefined {
    const decorators: RuleOperatorDecorator[] = [];
    let rest = name;
    while (!this.#operators.has(rest)) {
      const colon = rest.indexOf(':');
      if (colon <= 0) return undefined;
      const decorator = this.#decorators.get(rest.slice(0, colon));
      if (!decorator) return undefined;
      decorators.push(decorator);
      rest = rest.slice(colon + 1);
    }
    const base = this.#operators.get(rest) as RuleOperator;
    let evaluate = withValidator(base.evaluate, base.validateFact);
    for (let index = decorators.length - 1; index >= 0; index--) {
      const decorator = decorators[index] as RuleOperatorDecorator;
      const next = evaluate;
      evaluate = withValidator((factValue, value) => decorator.evaluate(factValue, value, next), decorator.validateFact);
    }
    return { name, evaluate, base, decorators };
  }
}

function withValidator(evaluate: OperatorFunction, validateFact: ((factValue: unknown) => boolean) | undefined): OperatorFunction {
  return validateFact ? (factValue, value) => validateFact(factValue) && evaluate(factValue, value) : evaluate;
}
