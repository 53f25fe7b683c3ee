import { applyRecordRules, type CompiledEntity, type CompiledModel, type Problem } from '@lattice/runtime';
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

/**
 * Runs the entity's rule sets on a record write. On create: validation,
 * defaulting (empty fields) and assignment (including routing the record
 * to an owner or org unit). On update: validation only, against the
 * record as it would be stored. A rule that fails at run time refuses the
 * write, naming the rule: nothing is half-applied.
 */
export function runRecordRules(model: CompiledModel, entity: CompiledEntity, record: Record<string, unknown>, mode: 'create' | 'update'): RuledRecord {
  const ruleSets = model.ruleSetsOf(entity.key);
  if (ruleSets.length === 0) return { values: record, problems: [] };
  // Rules see every stored field: an empty one is null (as json-rules-engine sees a null fact), not missing.
  const empty = Object.fromEntries(entity.fields.filter((f) => f.column && !f.system).map((f) => [f.name, null]));
  let values = { ...record };
  const problems: Problem[] = [];
  for (const ruleSet of ruleSets) {
    const outcome = applyRecordRules(ruleSet, entity, { ...empty, ...values }, ruleSet.options);
    if (!outcome.ok) {
      const { rule, path, message } = outcome.error;
      throw LatticeError.invalidRecord(entity.name, [{ code: outcome.error.code, path: `ruleSets[${ruleSet.key}].${path}`, message: `Rule "${rule}" could not run: ${message}`, hint: 'An administrator must correct the rule; nothing was stored' }]);
    }
    problems.push(...outcome.problems);
    if (mode === 'create') for (const assignment of outcome.assignments) values = { ...values, [assignment.field]: assignment.value };
  }
  const { ownerId, orgUnitId, ...rest } = values;
  return { values: mode === 'create' ? rest : record, problems, ...(typeof ownerId === 'string' ? { ownerId } : {}), ...(typeof orgUnitId === 'string' ? { orgUnitId } : {}) };
}
