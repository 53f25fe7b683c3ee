import { EntitySchema } from '@mikro-orm/postgresql';
import { inflection, type CompiledEntity, type CompiledField, type CompiledModel } from '@lattice/runtime';
import { columnOptions } from './column-options.js';
import { renderFormulaSql } from './formula-sql.js';

/**
 * Builds MikroORM entity schemas (no classes, records are plain objects) for
 * one compiled model. Called once per published version; the result belongs
 * to that version's ORM instance only.
 */
export function buildEntitySchemas(model: CompiledModel): RecordSchemas {
  const schemas = new Map<string, EntitySchema>();
  const schemaOf = (key: string) => () => {
    const schema = schemas.get(key);
    if (!schema) throw new Error(`No entity schema for "${key}"`);
    return schema;
  };
  for (const entity of model.entities) {
    schemas.set(entity.key, buildEntitySchema(entity, model, schemaOf));
  }
  return new RecordSchemas(schemas);
}

/** The entity schemas of one version, by entity: what the access point hands to MikroORM. */
export class RecordSchemas {
  constructor(private readonly byKey: ReadonlyMap<string, EntitySchema>) {}

  of(entity: { key: string }): EntitySchema<Record<string, unknown>> {
    const schema = this.byKey.get(entity.key);
    if (!schema) throw new Error(`No entity schema for "${entity.key}"`);
    return schema as EntitySchema<Record<string, unknown>>;
  }

  all(): EntitySchema[] {
    return [...this.byKey.values()];
  }
}

function buildEntitySchema(entity: CompiledEntity, model: CompiledModel, schemaOf: (key: string) => () => EntitySchema): EntitySchema {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const field of entity.fields) {
    const property = propertyOf(entity, field, model, schemaOf);
    if (property) properties[field.name] = property;
  }
  const indexes = entity.indexes.filter((i) => !i.unique).map((i) => ({ name: i.name, properties: propertyNames(entity, i.fieldKeys) }));
  const uniques = entity.indexes.filter((i) => i.unique).map((i) => ({ name: i.name, properties: propertyNames(entity, i.fieldKeys) }));
  return new EntitySchema({ name: entity.name, tableName: entity.table, properties, indexes, uniques } as never);
}

function propertyNames(entity: CompiledEntity, fieldKeys: readonly string[]): string[] {
  return fieldKeys.map((key) => entity.fieldByKey(key)?.name ?? key);
}

function propertyOf(entity: CompiledEntity, field: CompiledField, model: CompiledModel, schemaOf: (key: string) => () => EntitySchema): Record<string, unknown> | undefined {
  const relation = field.relation;
  if (relation?.kind === 'oneToMany') {
    const inverse = model.entityByKey(relation.target)?.fieldByKey(relation.inverseOf ?? '');
    return { kind: '1:m', entity: schemaOf(relation.target), mappedBy: inverse?.name };
  }
  if (relation?.kind === 'manyToMany') {
    return {
      kind: 'm:n',
      entity: schemaOf(relation.target),
      owner: true,
      pivotTable: relation.joinTable,
      joinColumn: relation.joinColumn,
      inverseJoinColumn: relation.inverseJoinColumn,
    };
  }
  if (!field.storage || !field.column) return undefined;
  if (relation?.kind === 'reference') {
    // A declared index that starts with this column already serves joins and inverse lists.
    const covered = entity.indexes.some((index) => index.columns[0] === field.column);
    return {
      kind: 'm:1',
      entity: schemaOf(relation.target),
      fieldName: field.column,
      nullable: !field.required,
      deleteRule: relation.onDelete === 'setNull' ? 'set null' : relation.onDelete,
      updateRule: 'cascade',
      ...(covered ? {} : { index: inflection.fieldIndexName(entity.table, field.column) }),
    };
  }
  const base: Record<string, unknown> = { ...columnOptions(field.storage), fieldName: field.column, nullable: !field.required };
  if (field.name === 'id') return { ...base, primary: true, defaultRaw: 'gen_random_uuid()' };
  if (field.name === 'version') return { ...base, version: true };
  if (field.formula) {
    const sql = renderFormulaSql(field.formula.ast, (name) => `"${entity.fieldByName(name)?.column ?? name}"`);
    return { ...base, nullable: true, generated: `(${sql}) stored` };
  }
  if (field.unique || field.autonumber) base['unique'] = inflection.uniqueFieldIndexName(entity.table, field.column);
  else if (field.indexed) base['index'] = inflection.fieldIndexName(entity.table, field.column);
  return base;
}
