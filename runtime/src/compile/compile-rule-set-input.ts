import type { CompiledModel } from './compiled-model.js';
import type { CompileRegistries } from './compile-options.js';
import { failed, ok, type Checked, type Problem } from '../problems/problem.js';
import { checkRuleSet } from '../rules/check-rule-set.js';
import { compileRuleSet, type CompiledRuleSet } from '../rules/compile-rule-set.js';

/**
 * One rule set as written (in `ruleSets`, or made from a layer's
 * validations): checked against the model, then compiled. Problems come
 * back at the paths `relocate` gives them in the metadata set.
 */
export function checkAndCompileRuleSet(input: unknown, model: CompiledModel, registries: CompileRegistries, relocate: (path: string) => string): Checked<CompiledRuleSet> {
  const checked = checkRuleSet(input, { model, ...registries });
  if (!checked.ok) return failed(checked.problems.map((p: Problem) => ({ ...p, path: relocate(p.path) })));
  // A record may leave a field empty: a rule reading it sees undefined, and its condition fails.
  return ok(compileRuleSet(checked.value, { ...registries, allowUndefinedFacts: true }));
}
