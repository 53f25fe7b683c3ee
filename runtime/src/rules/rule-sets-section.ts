import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledRuleSet } from './compile-rule-set.js';

/** The metadata set's key, and the compiled model's section, of rule sets (the metadata's and the layers' validations). */
export const RULE_SETS_SECTION = 'ruleSets';

/** The version's rule sets, checked and compiled; none when it has none. */
export function ruleSetsOf(model: CompiledModel): readonly CompiledRuleSet[] {
  return model.section<readonly CompiledRuleSet[]>(RULE_SETS_SECTION) ?? [];
}

/** The rule sets that run on an entity's writes. */
export function entityRuleSets(model: CompiledModel, entityKey: string): readonly CompiledRuleSet[] {
  return ruleSetsOf(model).filter((r) => r.entity === entityKey);
}
