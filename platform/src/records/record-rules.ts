import { applyRecordRules, type CompiledEntity, type CompiledModel, type CompiledRuleSet, type Problem } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';

export interface RuledRecord {
  /** The input with defaults and assignments applied (system fields taken out). */
  readonly values: Record<string, unknown>;
  /** Validation rules' messages, at the fields they name. */
  readonly problems: readonly Problem[];
  /** Where routing rules placed the record, when they did. */
  readonly ownerId?: string;
  readonly orgUnitId?: string;
}

/** Where the record sits: the layers' validations apply to records placed in their unit or below. */
export interface RulePlacement {
  /** The org unit a new record gets unless a routing rule places it (on update: ignored, the stored one counts). */
  readonly orgUnitId: string | null;
  /** The keys of a unit and its ancestors. */
  readonly unitKeys: (orgUnitId: string) => readonly string[];
}

/**
 * Runs the entity's rule sets on a record write. On create: validation,
 * defaulting (empty fields) and assignment (including routing the record
 * to an owner or org unit). On update: validation only, against the
 * record as it would be stored. Then the validations of the layers along
 * the record's unit. A rule that fails at run time refuses the write,
 * naming the rule: nothing is half-applied.
 */
export function runRecordRules(model: CompiledModel, entity: CompiledEntity, record: Record<string, unknown>, mode: 'create' | 'update', placement: RulePlacement): RuledRecord {
  const ruleSets = model.ruleSetsOf(entity.key);
  if (ruleSets.length === 0) return { values: record, problems: [] };
  // Rules see every stored field: an empty one is null (as json-rules-engine sees a null fact), not missing.
  const empty = Object.fromEntries(entity.fields.filter((f) => f.column && !f.system).map((f) => [f.name, null]));
  let values = { ...record };
  const problems: Problem[] = [];
  const run = (ruleSet: CompiledRuleSet) => {
    const outcome = applyRecordRules(ruleSet, entity, { ...empty, ...values }, ruleSet.options);
    if (!outcome.ok) {
      const { rule, path, message } = outcome.error;
      const where = ruleSet.layer ? `layers[${ruleSet.layer}].entities[${entity.key}].addValidations` : `ruleSets[${ruleSet.key}]`;
      throw LatticeError.invalidRecord(entity.name, [{ code: outcome.error.code, path: `${where}.${path}`, message: `Rule "${rule}" could not run: ${message}`, hint: 'An administrator must correct the rule; nothing was stored' }]);
    }
    problems.push(...outcome.problems);
    return outcome;
  };
  for (const ruleSet of ruleSets) {
    if (ruleSet.layer) continue;
    const outcome = run(ruleSet);
    if (mode === 'create') for (const assignment of outcome.assignments) values = { ...values, [assignment.field]: assignment.value };
  }
  const unit = mode === 'create' ? (typeof values['orgUnitId'] === 'string' ? values['orgUnitId'] : placement.orgUnitId) : (record['orgUnitId'] as string | null | undefined);
  const along = unit ? new Set(placement.unitKeys(unit)) : undefined;
  for (const ruleSet of ruleSets) if (ruleSet.layer && along?.has(ruleSet.layer)) run(ruleSet);
  const { ownerId, orgUnitId, ...rest } = values;
  return { values: mode === 'create' ? rest : record, problems, ...(typeof ownerId === 'string' ? { ownerId } : {}), ...(typeof orgUnitId === 'string' ? { orgUnitId } : {}) };
}
