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
import { hashOf } from '../model/model-hash.js';
import { parseLayerDocument } from '../layers/parse-layer.js';
import { layerStorage, type StoredLayerField } from '../layers/layer-storage.js';
import type { LayerDocument } from '../layers/layer.document.js';
import { FactRegistry } from '../rules/fact-registry.js';
import { registriesOf, type CompileOptions } from './compile-options.js';
import { createBuiltinDocumentKinds } from '../kinds/builtin-document-kinds.js';
export type { CompileOptions } from './compile-options.js';

/**
 * author → check → compile. Returns every problem found, or a model that is
 * safe to store and serve. Checks run in order of dependency: shapes, then
 * types and settings, then names, relations, constraints, formulas; later
 * checks are skipped when earlier ones failed, so one mistake is reported
 * once, not as a cascade. Then each document kind's pass (`kinds/`) over
 * the storage model: facts first, then rule sets, tariffs, forms, views,
 * every kind's problems reported together.
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
  const storageModel = assembleModel(source, base, entities, layered.value.layers, layered.value.addedFields, new Map(), new FactRegistry());
  const kinds = options.kinds ?? createBuiltinDocumentKinds();
  const sections = source as unknown as Readonly<Record<string, unknown>>;
  const due = kinds.all().filter((kind) => present(sections[kind.section]) || kind.runs?.(storageModel));
  if (due.length === 0) return ok(storageModel);
  let registries = registriesOf(options);
  const compiled = new Map<string, unknown>();
  const sectionProblems: Problem[] = [];
  const kindContext = () => ({ model: storageModel, registries, today: options.today ?? todayUtc });
  // Kinds that declare facts run first: every other kind checks and compiles with the facts they add.
  for (const kind of due.filter((k) => k.facts)) {
    const result = kind.compile(sections[kind.section], kindContext());
    if (!result.ok) return result;
    compiled.set(kind.section, result.value);
    registries = { ...registries, facts: new FactRegistry([...registries.facts.all(), ...(kind.facts?.(result.value) ?? [])]) };
  }
  for (const kind of due.filter((k) => !k.facts)) {
    const result = kind.compile(sections[kind.section], kindContext());
    if (result.ok) compiled.set(kind.section, result.value);
    else sectionProblems.push(...result.problems);
  }
  if (sectionProblems.length) return failed(sectionProblems);
  return ok(assembleModel(source, base, entities, layered.value.layers, layered.value.addedFields, compiled, registries.facts));
}

function present(section: unknown): boolean {
  return Array.isArray(section) ? section.length > 0 : section !== undefined;
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
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
  sections: ReadonlyMap<string, unknown>,
  facts: FactRegistry,
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
    fieldLayer: (entityKey: string, fieldKey: string) => owners.get(`${entityKey}.${fieldKey}`),
    sections,
    section: <T>(name: string) => sections.get(name) as T | undefined,
    facts,
  });
}

export type { ComputedFieldParts };
