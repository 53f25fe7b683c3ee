import type { CompiledModel } from './compiled-model.js';
import type { CompileOptions } from './compile-options.js';
import type { LayerDocument } from '../layers/layer.document.js';
import { layerPaths } from '../layers/layer-paths.js';
import { failed, ok, type Checked, type Problem } from '../problems/problem.js';
import { createBuiltinOperators } from '../rules/builtin-operators.js';
import { checkRuleSet } from '../rules/check-rule-set.js';
import { compileRuleSet, type CompiledRuleSet } from '../rules/compile-rule-set.js';
import { FactRegistry } from '../rules/fact-registry.js';

/**
 * The validations layers add, as rule sets of their entity scoped to the
 * layer's unit: each is a validation rule in the rule sets' format (the
 * kind may be left out), checked like any rule against the entity, with
 * problems at `layers[<unit>].entities[<entity>].addValidations[<key>]…`.
 * The access point runs a scoped rule set only on records placed in the
 * layer's unit or below it.
 */
export function compileLayerValidations(model: CompiledModel, layers: readonly LayerDocument[], options: CompileOptions): Checked<CompiledRuleSet[]> {
  const operators = options.operators ?? createBuiltinOperators();
  const facts = options.facts ?? new FactRegistry();
  const problems: Problem[] = [];
  const compiled: CompiledRuleSet[] = [];
  for (const layer of layers) {
    for (const overlay of layer.entities) {
      if (!overlay.addValidations?.length) continue;
      const at = (rule: string) => layerPaths.addedValidation(layer.key, overlay.key, rule);
      const rules = overlay.addValidations.map((rule) => {
        if (rule['kind'] !== undefined && rule['kind'] !== 'validation') problems.push({ code: 'layer.validation-kind', path: `${at(rule.key)}.kind`, message: `A layer adds validations only, not ${String(rule['kind'])} rules`, hint: 'Defaults, routing and prices belong to the rule sets and the tariff catalog' });
        return { ...rule, kind: 'validation' };
      });
      const document = { kind: 'ruleSet', key: `layer_${layer.key}_${overlay.key}`, entity: overlay.key, rules };
      const checked = checkRuleSet(document, { model, operators, facts });
      if (!checked.ok) {
        // `rules[<key>]…` of the generated set is the layer's `addValidations[<key>]…`.
        problems.push(...checked.problems.map((p) => ({ ...p, path: p.path.replace(/^rules\[([^\]]+)\]/, (_m, key: string) => at(key)) })));
        continue;
      }
      compiled.push({ ...compileRuleSet(checked.value, { operators, facts, allowUndefinedFacts: true }), layer: layer.key });
    }
  }
  return problems.length ? failed(problems) : ok(compiled);
}
