import type { LocalizedText } from '../documents/localized-text.js';
import { inflection, upperFirst } from '../naming/inflection.js';
import { storageForFormulaType } from '../formula/formula-storage.js';
import type { CheckContext, ResolvedEntity, ResolvedField } from '../check/check-context.js';
import type { ComputedFieldParts } from '../check/check-computed-fields.js';
import type { CompiledEntity, CompiledField, CompiledIndex, CompiledRelation } from './compiled-model.js';

/** Builds one compiled entity from a resolved, fully checked one. */
export function buildEntity(entity: ResolvedEntity, parts: ComputedFieldParts, context: CheckContext): CompiledEntity {
  const { document } = entity;
  const table = inflection.tableName(document.name);
  const fields = entity.fields.map((field) => buildField(document.name, field, parts, context));
  const byName = new Map(fields.map((f) => [f.name, f]));
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const indexes = buildIndexes(table, entity, byKey);
  const titleKey = document.titleField ?? fields.find((f) => !f.system && f.storage?.kind === 'string')?.key ?? 'id';
  const label: LocalizedText = document.label ?? document.name;
  return Object.freeze({
    key: document.key,
    name: document.name,
    pluralName: document.pluralName ?? inflection.pluralQueryName(document.name),
    table,
    label,
    pluralLabel: document.pluralLabel ?? label,
    ...(document.description === undefined ? {} : { description: document.description }),
    titleField: byKey.get(titleKey)?.name ?? 'id',
    fields: Object.freeze(fields),
    indexes: Object.freeze(indexes),
    document,
    fieldByName: (name: string) => byName.get(name),
    fieldByKey: (key: string) => byKey.get(key),
  });
}

function buildField(entityName: string, field: ResolvedField, parts: ComputedFieldParts, context: CheckContext): CompiledField {
  const { document, type, settings } = field;
  if (!type || !settings) throw new Error(`Field ${field.path} was not resolved; compile only checked sets`);
  const formula = parts.formulas.get(field.path);
  const autonumber = parts.autonumbers.get(field.path);
  const storage = formula ? storageForFormulaType(formula.resultType) : type.storage(settings);
  const relation = buildRelation(entityName, field, context);
  const column = storage === null ? null : type.relation === 'reference' ? inflection.referenceColumnName(document.name) : inflection.columnName(document.name);
  const decodedDefault = document.default === undefined || document.default === null ? undefined : type.decode(document.default, settings);
  return Object.freeze({
    key: document.key,
    name: document.name,
    column,
    label: document.label ?? upperFirst(document.name),
    ...(document.description === undefined ? {} : { description: document.description }),
    typeName: type.name,
    type,
    settings: Object.freeze({ ...settings }),
    storage,
    required: document.required === true,
    unique: document.unique === true,
    indexed: document.indexed === true || (type.relation === 'reference' && !field.system),
    personalData: document.personalData === true,
    ...(document.renamedFrom ? { renamedFrom: document.renamedFrom } : {}),
    ...(decodedDefault?.ok ? { default: decodedDefault.value } : {}),
    system: field.system,
    readOnly: field.system || type.readOnly === true,
    ...(relation ? { relation } : {}),
    ...(formula ? { formula } : {}),
    ...(autonumber ? { autonumber } : {}),
  });
}

function buildRelation(entityName: string, field: ResolvedField, context: CheckContext): CompiledRelation | undefined {
  const { type, settings, document } = field;
  if (!type?.relation || !settings) return undefined;
  const target = String(settings['target']);
  if (type.relation === 'reference') {
    return { kind: 'reference', target, onDelete: (settings['onDelete'] as CompiledRelation['onDelete']) ?? 'restrict' };
  }
  if (type.relation === 'oneToMany') {
    return { kind: 'oneToMany', target, inverseOf: String(settings['inverseOf']) };
  }
  const targetName = context.entityByKey.get(target)?.document.name ?? target;
  return {
    kind: 'manyToMany',
    target,
    joinTable: inflection.joinTableName(entityName, document.name),
    joinColumn: inflection.joinOwnerColumn(entityName),
    inverseJoinColumn: inflection.joinTargetColumn(targetName, entityName),
  };
}

function buildIndexes(table: string, entity: ResolvedEntity, byKey: Map<string, CompiledField>): CompiledIndex[] {
  return (entity.document.indexes ?? []).map((index) => ({
    key: index.key,
    name: inflection.indexName(table, index.key),
    fieldKeys: index.fields,
    columns: index.fields.map((key) => byKey.get(key)?.column ?? key),
    unique: index.unique === true,
  }));
}

