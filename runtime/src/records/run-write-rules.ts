import type { CompiledEntity, CompiledModel } from '../compile/compiled-model.js';
import type { Problem } from '../problems/problem.js';
import { applyRecordRules } from '../rules/apply-record-rules.js';
import type { CompiledRuleSet } from '../rules/compile-rule-set.js';
import { entityRuleSets } from '../rules/rule-sets-section.js';

/** Where a record sits: the layers' validations apply to records placed in their unit or below. */
export interface WritePlacement {
  /** The org unit a new record gets unless a routing rule places it (on update the stored one counts). */
  readonly orgUnitId: string | null;
  /** The keys of a unit and its ancestors. */
  readonly unitKeys: (orgUnitId: string) => readonly string[];
}

export interface RuledWrite {
  /** The record with defaulting and assignment rules applied (create only). */
  readonly record: Record<string, unknown>;
  readonly problems: Problem[];
  readonly ownerId?: string;
  readonly orgUnitId?: string;
}

/**
 * The entity's rule sets on the record as it will be: on create,
 * validation, defaulting (empty fields) and assignment (routing to an owner
 * or org unit); on update, validation only. Then the validations of the
 * layers along the record's unit. A rule that fails at run time refuses the
 * write with a problem naming the rule: nothing is half-applied.
 */
export function runWriteRules(model: CompiledModel, entity: CompiledEntity, record: Readonly<Record<string, unknown>>, mode: 'create' | 'update', placement: WritePlacement): { ok: true; value: RuledWrite } | { ok: false; problems: Problem[] } {
  const ruleSets = entityRuleSets(model, entity.key);
  let values: Record<string, unknown> = { ...record };
  const problems: Problem[] = [];
  if (ruleSets.length === 0) return { ok: true, value: { record: values, problems } };
  const run = (ruleSet: CompiledRuleSet) => {
    const outcome = applyRecordRules(ruleSet, entity, values, ruleSet.options);
    if (!outcome.ok) {
      const { rule, path, message } = outcome.error;
      const where = ruleSet.layer ? `layers[${ruleSet.layer}].entities[${entity.key}].addValidations` : `ruleSets[${ruleSet.key}]`;
      return [{ code: outcome.error.code, path: `${where}.${path}`, message: `Rule "${rule}" could not run: ${message}`, hint: 'An administrator must correct the rule; nothing was stored' }];
    }
    problems.push(...outcome.problems);
    if (mode === 'create' && !ruleSet.layer) for (const assignment of outcome.assignments) values = { ...values, [assignment.field]: assignment.value };
    return undefined;
  };
  for (const ruleSet of ruleSets) {
    if (ruleSet.layer) continue;
    const failure = run(ruleSet);
    if (failure) return { ok: false, problems: failure };
  }
  const assignedUnit = typeof values['orgUnitId'] === 'string' ? values['orgUnitId'] : undefined;
  const unit = mode === 'create' ? (assignedUnit ?? placement.orgUnitId) : (record['orgUnitId'] as string | null | undefined);
  const along = unit ? new Set(placement.unitKeys(unit)) : undefined;
  for (const ruleSet of ruleSets) {
    if (!ruleSet.layer || !along?.has(ruleSet.layer)) continue;
    const failure = run(ruleSet);
    if (failure) return { ok: false, problems: failure };
  }
  const { ownerId, orgUnitId } = values;
  return { ok: true, value: { record: values, problems, ...(mode === 'create' && typeof ownerId === 'string' ? { ownerId } : {}), ...(mode === 'create' && typeof orgUnitId === 'string' ? { orgUnitId } : {}) } };
}
