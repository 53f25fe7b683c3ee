/**
 * What running compiled rules returns. Mirrors json-rules-engine's run
 * result (events, failure events, rule results with every condition's fact
 * value, compared value and result) in plain data, so it can be stored with
 * a quote or shown to the person who asked why.
 */
export interface RuleEvent {
  readonly type: string;
  readonly params?: Record<string, unknown>;
}

export type ConditionResult =
  | {
      readonly kind: 'all' | 'any';
      readonly path: string;
      readonly priority: number;
      /** Absent when the node was not evaluated (an earlier priority group decided). */
      readonly result?: boolean;
      readonly conditions: readonly ConditionResult[];
    }
  | { readonly kind: 'not'; readonly path: string; readonly priority: number; readonly result?: boolean; readonly condition: ConditionResult }
  | { readonly kind: 'reference'; readonly path: string; readonly name: string; readonly result?: boolean; readonly condition?: ConditionResult }
  | {
      readonly kind: 'fact';
      readonly path: string;
      readonly fact: string;
      readonly factPath?: string;
      readonly params?: Record<string, unknown>;
      readonly operator: string;
      /** The value as written (a literal or a fact reference). */
      readonly value: unknown;
      readonly evaluated: boolean;
      /** The fact's value (after `path`), when evaluated. */
      readonly factResult?: unknown;
      /** The value compared with (a referenced fact's value resolved), when evaluated. */
      readonly valueResult?: unknown;
      /** The operator's result, as returned (json-rules-engine keeps non-boolean results). */
      readonly result?: unknown;
    };

export interface RuleResult {
  readonly rule: string;
  readonly priority: number;
  /** The root's result, as json-rules-engine's `RuleResult.result`; the rule fired when it is truthy. */
  readonly result: unknown;
  readonly fired: boolean;
  readonly event: RuleEvent;
  /** Present when the run was asked to explain. */
  readonly conditions?: ConditionResult;
}

export interface RuleRunError {
  /**
   * `rule.undefined-fact` (a fact neither given nor computed),
   * `rule.evaluation-error` (an operator or computed fact threw), or
   * `rule.bad-value` (a value assigned at run time that the field refuses).
   */
  readonly code: 'rule.undefined-fact' | 'rule.evaluation-error' | 'rule.bad-value';
  readonly rule: string;
  /** The condition's path, like `rules[vip].conditions.all[0]`. */
  readonly path: string;
  readonly message: string;
}

export type RuleRun =
  | { readonly ok: true; readonly events: RuleEvent[]; readonly failureEvents: RuleEvent[]; readonly results: RuleResult[] }
  | { readonly ok: false; readonly error: RuleRunError };

type FactConditionResult = Extract<ConditionResult, { kind: 'fact' }>;

/**
 * The conditions that decided a rule against it: evaluated leaves whose
 * result was not `true`, and under a `not`, the leaves that were `true`.
 */
export function failedConditions(result: ConditionResult | undefined): FactConditionResult[] {
  return leavesWhere(result, false, false);
}

/** The conditions that made a rule fire: the mirror of `failedConditions`. */
export function heldConditions(result: ConditionResult | undefined): FactConditionResult[] {
  return leavesWhere(result, true, false);
}

function leavesWhere(result: ConditionResult | undefined, held: boolean, negated: boolean): FactConditionResult[] {
  if (!result) return [];
  switch (result.kind) {
    case 'fact':
      return result.evaluated && (result.result === true) !== negated === held ? [result] : [];
    case 'not':
      return leavesWhere(result.condition, held, !negated);
    case 'reference':
      return leavesWhere(result.condition, held, negated);
    default:
      return result.conditions.flatMap((condition) => leavesWhere(condition, held, negated));
  }
}
