import type { CompiledEntity } from '../compile/compiled-model.js';
import { valueError } from '../field-types/value-error.js';
import { problem, type Problem } from '../problems/problem.js';
import { createRunState } from './fact-access.js';
import type { CompiledRuleSet, RuleCompileOptions } from './compile-rule-set.js';
import type { RuleResult, RuleRunError } from './rule-run.js';
import { isFactReference } from './rule-set.document.js';

export interface Assignment {
  readonly rule: string;
  readonly field: string;
  readonly value: unknown;
}

export type RecordRulesOutcome =
  | {
      readonly ok: true;
      /** The record with defaults and assignments applied: a new object, the input is never changed. */
      readonly values: Record<string, unknown>;
      /** Messages of validation rules that fired, at the fields they name. */
      readonly problems: Problem[];
      readonly assignments: Assignment[];
      readonly results: RuleResult[];
    }
  | { readonly ok: false; readonly error: RuleRunError };

/**
 * Runs a rule set on one record write: validation rules that fire give
 * problems on their fields; defaulting rules fill fields that are empty;
 * assignment rules set fields (the owner, the org unit). When two fired
 * rules set one field, the one that runs first (higher priority, then
 * document order) wins. Any rule that fails at run time, or assigns a
 * value its field refuses, fails the whole write and nothing is applied:
 * the record is never half-changed.
 */
export function applyRecordRules(
  ruleSet: CompiledRuleSet,
  entity: CompiledEntity,
  record: Readonly<Record<string, unknown>>,
  options: RuleCompileOptions,
  context: Readonly<Record<string, unknown>> = {},
): RecordRulesOutcome {
  const facts = { ...context, ...record };
  const run = ruleSet.rules.run(facts, { explain: true });
  if (!run.ok) return run;
  const values: Record<string, unknown> = { ...record };
  const problems: Problem[] = [];
  const assignments: Assignment[] = [];
  const assigned = new Set<string>();
  const state = createRunState(facts, { registry: options.facts, allowUndefinedFacts: options.allowUndefinedFacts ?? false });
  for (const result of run.results) {
    if (!result.fired) continue;
    const kind = ruleSet.kinds.get(result.rule);
    const params = result.event.params ?? {};
    if (kind === 'validation') {
      for (const field of params['fields'] as string[]) problems.push(problem('rule.validation', field, params['message'] as string, params['hint'] as string | undefined));
      continue;
    }
    if (kind !== 'defaulting' && kind !== 'assignment') continue;
    for (const [field, written] of Object.entries(params['set'] as Record<string, unknown>)) {
      if (assigned.has(field) || (kind === 'defaulting' && record[field] != null)) continue;
      const path = `rules[${result.rule}].event.params.set.${field}`;
      let value: unknown;
      try {
        value = isFactReference(written) ? state.value(written.fact, written.params, written.path) : written;
      } catch (error) {
        return { ok: false, error: { code: 'rule.evaluation-error', rule: result.rule, path, message: error instanceof Error ? error.message : String(error) } };
      }
      // A computed value is checked as a user's would be: a rule never writes what the field refuses.
      const refused = refusal(entity, field, value);
      if (refused) return { ok: false, error: { code: 'rule.bad-value', rule: result.rule, path, message: `${field}: ${refused}` } };
      assigned.add(field);
      values[field] = value;
      assignments.push({ rule: result.rule, field, value });
    }
  }
  return { ok: true, values, problems, assignments, results: run.results };
}

function refusal(entity: CompiledEntity, name: string, value: unknown): string | null {
  const field = entity.fieldByName(name);
  if (!field) return 'no such field';
  if (value == null) return field.required ? 'is required' : null;
  return valueError(field.type, field.settings, value)?.message ?? null;
}
