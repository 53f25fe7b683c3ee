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

/**
 * author → check → compile. Returns every problem found, or a model that is
 * safe to store and serve. Checks run in order of dependency: shapes, then
 * types and settings, then names, relations, constraints, formulas; later
 * checks are skipped when earlier ones failed, so one mistake is reported
 * once, not as a cascade.
 */
export function compileModel(input: unknown, registry: FieldTypeRegistry): Checked<CompiledModel> {
  const parsed = parseMetadataSet(input);
  if (!parsed.ok) return parsed;
  const set = parsed.value;
  const { context, problems } = resolveSet(set, registry);
  if (problems.length) return failed(problems);

  const semantic: Problem[] = [...checkNames(context), ...checkRelations(context), ...checkConstraints(context)];
  if (semantic.length) return failed(semantic);

  const computed = checkComputedFields(context);
  if (computed.problems.length) return failed(computed.problems);

  return ok(assembleModel(set, context.entities.map((entity) => buildEntity(entity, computed.parts, context))));
}

function assembleModel(source: MetadataSet, entities: CompiledEntity[]): CompiledModel {
  const byKey = new Map(entities.map((e) => [e.key, e]));
  const byName = new Map(entities.map((e) => [e.name, e]));
  return Object.freeze({
    hash: hashOf(source),
    source,
    entities: Object.freeze(entities),
    entityByKey: (key: string) => byKey.get(key),
    entityByName: (name: string) => byName.get(name),
  });
}

export type { ComputedFieldParts };
