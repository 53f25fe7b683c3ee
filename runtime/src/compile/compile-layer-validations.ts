import type { CompiledModel } from './compiled-model.js';
import type { CompileRegistries } from './compile-options.js';
import { checkAndCompileRuleSet } from './compile-rule-set-input.js';
import type { LayerDocument } from '../layers/layer.document.js';
import { layerPaths } from '../layers/layer-paths.js';
import { failed, ok, type Checked, type Problem } from '../problems/problem.js';
import type { CompiledRuleSet } from '../rules/compile-rule-set.js';

/**
 * The validations layers add, as rule sets of their entity scoped to the
 * layer's unit: each is a validation rule in the rule sets' format (the
 * kind may be left out), checked like any rule against the entity, with
 * problems at `layers[<unit>].entities[<entity>].addValidations[<key>]…`.
 * The access point runs a scoped rule set only on records placed in the
 * layer's unit or below it.
 */
export function compileLayerValidations(model: CompiledModel, layers: readonly LayerDocument[], registries: CompileRegistries): Checked<CompiledRuleSet[]> {
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
      // `rules[<key>]…` of the generated set is the layer's `addValidations[<key>]…`.
      const ruleSet = checkAndCompileRuleSet(document, model, registries, (path) => path.replace(/^rules\[([^\]]+)\]/, (_m, key: string) => at(key)));
      if (ruleSet.ok) compiled.push({ ...ruleSet.value, layer: layer.key });
      else problems.push(...ruleSet.problems);
    }
  }
  return problems.length ? failed(problems) : ok(compiled);
}
