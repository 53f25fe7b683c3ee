import type { MetadataSet } from '../documents/entity.document.js';
import { parseMetadataSet } from '../documents/parse-documents.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { failed, ok, type Checked, type Problem } from '../problems/problem.js';
import { resolveSet } from '../check/resolve-set.js';
import { checkNames } from '../check/check-names.js';
import { checkRelations } from '../check/check-relations.js';
import { checkConstraints } from '../check/check-constraints.js';
import { checkComputedFields, type ComputedFieldParts } from '../check/check-computed-fields.js';
import { buildEntity } from './build-entity.js';
import type { CompiledEntity, CompiledModel } from './compiled-model.js';
import { hashOf } from './model-hash.js';
import { parseLayerDocument } from '../layers/parse-layer.js';
import { layerStorage, type StoredLayerField } from '../layers/layer-storage.js';
import type { LayerDocument } from '../layers/layer.document.js';
import type { CompiledRuleSet } from '../rules/compile-rule-set.js';
import type { PlacedOverride } from '../tariffs/check-overrides.js';
import { compileTariffs, layerTariffOverrides, type CompiledTariffs } from './compile-tariffs.js';
import { registriesOf, type CompileOptions, type CompileRegistries } from './compile-options.js';
import { checkAndCompileRuleSet } from './compile-rule-set-input.js';
import { compileLayerValidations } from './compile-layer-validations.js';
export type { CompileOptions } from './compile-options.js';

/**
 * author → check → compile. Returns every problem found, or a model that is
 * safe to store and serve. Checks run in order of dependency: shapes, then
 * types and settings, then names, relations, constraints, formulas; later
 * checks are skipped when earlier ones failed, so one mistake is reported
 * once, not as a cascade.
 */

export function compileModel(input: unknown, registry: FieldTypeRegistry, options: CompileOptions = {}): Checked<CompiledModel> {
  const parsed = parseMetadataSet(input);
  if (!parsed.ok) return parsed;
  const source = parsed.value;
  const base: MetadataSet = { entities: source.entities };
  const layered = storageOf(base, source.layers ?? [], registry);
  if (!layered.ok) return layered;
  // The tables hold the base fields and every layer's added fields: the model describes them all.
  const set = layered.value.set;
  const { context, problems } = resolveSet(set, registry);
  if (problems.length) return failed(problems);

  const semantic: Problem[] = [...checkNames(context), ...checkRelations(context), ...checkConstraints(context)];
  if (semantic.length) return failed(semantic);

  const computed = checkComputedFields(context);
  if (computed.problems.length) return failed(computed.problems);

  const entities = context.entities.map((entity) => buildEntity(entity, computed.parts, context));
  const model = assembleModel(source, base, entities, layered.value.layers, layered.value.addedFields, [], undefined);
  const layerOverrides = layerTariffOverrides(layered.value.layers);
  const layerValidations = layered.value.layers.some((l) => l.entities.some((e) => e.addValidations?.length));
  if (!source.ruleSets?.length && !source.tariffs && !layerOverrides.length && !layerValidations) return ok(model);
  const registries = registriesOf(options);
  const rules = combined(
    source.ruleSets?.length ? compileRuleSets(model, source.ruleSets, registries) : ok([] as CompiledRuleSet[]),
    layerValidations ? compileLayerValidations(model, layered.value.layers, registries) : ok([] as CompiledRuleSet[]),
  );
  const tariffs = source.tariffs
    ? compileTariffs(model, source.tariffs, layerOverrides, registries)
    : layerOverrides.length
      ? failed([{ code: 'tariff.no-catalog', path: (layerOverrides[0] as PlacedOverride).path, message: 'A layer sets a tariff price, but the metadata has no tariff catalog', hint: 'HQ publishes the catalog (tariffs) first; layers override only what it marks overridable' }])
      : ok(undefined);
  if (!rules.ok || !tariffs.ok) return failed([...(rules.ok ? [] : rules.problems), ...(tariffs.ok ? [] : tariffs.problems)]);
  return ok(assembleModel(source, base, entities, layered.value.layers, layered.value.addedFields, rules.value, tariffs.value));
}

function combined(a: Checked<CompiledRuleSet[]>, b: Checked<CompiledRuleSet[]>): Checked<CompiledRuleSet[]> {
  if (a.ok && b.ok) return ok([...a.value, ...b.value]);
  return failed([...(a.ok ? [] : a.problems), ...(b.ok ? [] : b.problems)]);
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

/** The layers' shapes, then the storage view: base entities plus every layer's added fields. */
function storageOf(base: MetadataSet, inputs: readonly unknown[], registry: FieldTypeRegistry): Checked<{ set: MetadataSet; layers: LayerDocument[]; addedFields: readonly StoredLayerField[] }> {
  if (inputs.length === 0) return ok({ set: base, layers: [], addedFields: [] });
  const layers: LayerDocument[] = [];
  const problems: Problem[] = [];
  for (const input of inputs) {
    const layer = parseLayerDocument(input);
    if (layer.ok) layers.push(layer.value);
    else problems.push(...layer.problems);
  }
  if (problems.length) return failed(problems);
  const storage = layerStorage(base, layers, registry);
  if (storage.problems.length) return failed([...storage.problems]);
  return ok({ set: storage.set, layers, addedFields: storage.addedFields });
}

function assembleModel(
  source: MetadataSet,
  base: MetadataSet,
  entities: CompiledEntity[],
  layers: readonly LayerDocument[],
  addedFields: readonly StoredLayerField[],
  ruleSets: readonly CompiledRuleSet[],
  tariffs: CompiledTariffs | undefined,
): CompiledModel {
  const byKey = new Map(entities.map((e) => [e.key, e]));
  const byName = new Map(entities.map((e) => [e.name, e]));
  const owners = new Map(addedFields.map((f) => [`${f.entity}.${f.field}`, f.layer]));
  const layersByKey = new Map(layers.map((l) => [l.key, l]));
  return Object.freeze({
    hash: hashOf(source),
    source,
    base,
    layers: Object.freeze([...layers]),
    entities: Object.freeze(entities),
    entityByKey: (key: string) => byKey.get(key),
    entityByName: (name: string) => byName.get(name),
    layerByKey: (key: string) => layersByKey.get(key),
    ruleSets: Object.freeze([...ruleSets]),
    ruleSetsOf: (entityKey: string) => ruleSets.filter((r) => r.entity === entityKey),
    ...(tariffs ? { tariffs: tariffs.catalog, tariffCustomerEntity: source.tariffs?.customerEntity, ...(tariffs.simulation ? { tariffSimulation: tariffs.simulation } : {}) } : {}),
    fieldLayer: (entityKey: string, fieldKey: string) => owners.get(`${entityKey}.${fieldKey}`),
  });
}

export type { ComputedFieldParts };
