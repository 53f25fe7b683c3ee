import type { CompiledModel } from '../compile/compiled-model.js';
import { compileLayerValidations } from '../compile/compile-layer-validations.js';
import { checkAndCompileRuleSet } from '../compile/compile-rule-set-input.js';
import type { CompileRegistries } from '../compile/compile-options.js';
import { compileTariffs, layerTariffOverrides, type CompiledTariffs } from '../compile/compile-tariffs.js';
import { compileDeclaredFacts } from '../facts/declared-facts.js';
import { compileUnitForms, type CompiledForms } from '../forms/unit-forms.js';
import { failed, ok, type Checked, type Problem } from '../problems/problem.js';
import type { CompiledRuleSet } from '../rules/compile-rule-set.js';
import type { ComputedFact } from '../rules/fact-registry.js';
import type { PlacedOverride } from '../tariffs/check-overrides.js';
import { compileViews, type CompiledView } from '../views/compile-views.js';
import { compileUnitWorkflows, type CompiledWorkflows } from '../workflows/unit-workflows.js';
import { RULE_SETS_SECTION } from '../rules/rule-sets-section.js';
import { TARIFFS_SECTION } from '../tariffs/tariffs-section.js';
import { FORMS_SECTION } from '../forms/forms-section.js';
import { VIEWS_SECTION } from '../views/views-section.js';
import { DocumentKindRegistry, type DocumentKind } from './document-kind.js';

const list = (documents: unknown): readonly unknown[] => (Array.isArray(documents) ? documents : []);

export const factsKind: DocumentKind<ComputedFact[]> = {
  kind: 'facts',
  section: 'facts',
  compile: (documents, { model, registries, today }) => compileDeclaredFacts(list(documents), model, registries.facts, today),
  facts: (compiled) => compiled,
};

export const ruleSetKind: DocumentKind<CompiledRuleSet[]> = {
  kind: 'ruleSet',
  section: RULE_SETS_SECTION,
  runs: (model) => model.layers.some((l) => l.entities.some((e) => e.addValidations?.length)),
  compile: (documents, { model, registries }) => {
    const own = compileRuleSets(model, list(documents), registries);
    const layered = model.layers.some((l) => l.entities.some((e) => e.addValidations?.length)) ? compileLayerValidations(model, model.layers, registries) : ok([] as CompiledRuleSet[]);
    if (own.ok && layered.ok) return ok([...own.value, ...layered.value]);
    return failed([...(own.ok ? [] : own.problems), ...(layered.ok ? [] : layered.problems)]);
  },
};

export const tariffsKind: DocumentKind<CompiledTariffs | undefined> = {
  kind: 'tariffCatalog',
  section: TARIFFS_SECTION,
  runs: (model) => layerTariffOverrides(model.layers).length > 0,
  compile: (catalog, { model, registries }) => {
    const overrides = layerTariffOverrides(model.layers);
    if (catalog) return compileTariffs(model, catalog as { customerEntity: string } & Record<string, unknown>, overrides, registries);
    return failed([{ code: 'tariff.no-catalog', path: (overrides[0] as PlacedOverride).path, message: 'A layer sets a tariff price, but the metadata has no tariff catalog', hint: 'HQ publishes the catalog (tariffs) first; layers override only what it marks overridable' }]);
  },
};

export const formKind: DocumentKind<CompiledForms> = {
  kind: 'form',
  section: FORMS_SECTION,
  runs: (model) => model.layers.some((l) => l.forms?.length),
  compile: (documents, { model, registries }) => compileUnitForms(list(documents), model.layers, { model, ...registries }),
};

export const viewKind: DocumentKind<CompiledView[]> = {
  kind: 'view',
  section: VIEWS_SECTION,
  compile: (documents, { model }) => compileViews(list(documents), model),
};

export const workflowKind: DocumentKind<CompiledWorkflows> = {
  kind: 'workflow',
  section: 'workflows',
  runs: (model) => model.layers.some((l) => l.workflows?.length),
  compile: (documents, { model, registries }) => compileUnitWorkflows(list(documents), model.layers, { model, ...registries }),
};

/** Facts first (the others may read them), then rule sets, the tariff catalog, forms, views and workflows. */
export function createBuiltinDocumentKinds(): DocumentKindRegistry {
  return new DocumentKindRegistry([factsKind, ruleSetKind, tariffsKind, formKind, viewKind, workflowKind] as DocumentKind[]);
}

/** Checks every rule set against the model it runs on, then compiles it: problems at `ruleSets[<key>]…`. */
function compileRuleSets(model: CompiledModel, inputs: readonly unknown[], registries: CompileRegistries): Checked<CompiledRuleSet[]> {
  const problems: Problem[] = [];
  const compiled: CompiledRuleSet[] = [];
  const keys = new Set<string>();
  inputs.forEach((input, index) => {
    const key = input !== null && typeof input === 'object' && typeof (input as { key?: unknown }).key === 'string' ? (input as { key: string }).key : String(index);
    const prefix = `ruleSets[${key}]`;
    if (keys.has(key)) problems.push({ code: 'rule.duplicate-rule-set', path: prefix, message: `Two rule sets have the key "${key}"` });
    keys.add(key);
    const ruleSet = checkAndCompileRuleSet(input, model, registries, (path) => (path ? `${prefix}.${path}` : prefix));
    if (ruleSet.ok) compiled.push(ruleSet.value);
    else problems.push(...ruleSet.problems);
  });
  return problems.length ? failed(problems) : ok(compiled);
}
