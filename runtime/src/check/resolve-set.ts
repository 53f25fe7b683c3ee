import type { FieldDocument, MetadataSet } from '../documents/entity.document.js';
import { zodProblems } from '../documents/parse-documents.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { problem, type Problem } from '../problems/problem.js';
import { SYSTEM_FIELD_DOCUMENTS } from '../model/system-fields.js';
import { entityPath, fieldPath, type CheckContext, type ResolvedEntity, type ResolvedField } from './check-context.js';

const COMMON_FIELD_PROPERTIES = new Set(['key', 'name', 'type', 'label', 'description', 'required', 'unique', 'indexed', 'default', 'personalData', 'renamedFrom']);

/** Resolves every field's type and parses its settings; unknown types and bad settings become problems. */
export function resolveSet(set: MetadataSet, registry: FieldTypeRegistry): { context: CheckContext; problems: Problem[] } {
  const problems: Problem[] = [];
  const entities: ResolvedEntity[] = set.entities.map((entity) => {
    const system = SYSTEM_FIELD_DOCUMENTS.map((document) =>
      resolveField(document, `${entityPath(entity)}.systemFields[${document.key}]`, registry, problems, true),
    );
    const own = entity.fields.map((document) => resolveField(document, fieldPath(entity, document), registry, problems, false));
    return { document: entity, path: entityPath(entity), fields: [...system, ...own] };
  });
  const entityByKey = new Map<string, ResolvedEntity>();
  for (const entity of entities) if (!entityByKey.has(entity.document.key)) entityByKey.set(entity.document.key, entity);
  return { context: { registry, entities, entityByKey }, problems };
}

/** One field's type and settings; problems are pushed at `path` (a field's path, or a layer's for added fields). */
export function resolveField(
  document: FieldDocument,
  path: string,
  registry: FieldTypeRegistry,
  problems: Problem[],
  system: boolean,
): ResolvedField {
  const type = registry.get(document.type);
  if (!type) {
    problems.push(
      problem('field.unknown-type', `${path}.type`, `Unknown field type "${document.type}"`, `Use one of: ${registry.names().join(', ')}`),
    );
    return { document, path, system };
  }
  const settingsInput = settingsOf(document);
  const parsed = type.settings.safeParse(settingsInput);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, settingsInput, path));
    return { document, path, type, system };
  }
  const settings = parsed.data as Record<string, unknown>;
  problems.push(...(type.checkSettings?.(settings, { path }) ?? []));
  return { document, path, type, settings, system };
}

function settingsOf(document: FieldDocument): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(document)) {
    if (!COMMON_FIELD_PROPERTIES.has(name)) settings[name] = value;
  }
  return settings;
}
