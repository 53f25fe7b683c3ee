import type { CompiledModel, LayerDocument, MetadataSet } from '@lattice/runtime';
import { nextFieldOf } from './field-counterparts.js';

/**
 * The live metadata with the next version's names put on every element that
 * survives (matched by key). Its schema is the live database after Lattice's
 * renames, which is what MikroORM's diff must start from. Fields that
 * layers add live in the same tables, so their names follow too.
 */
export function applyRenames(live: MetadataSet, liveModel: CompiledModel, next: CompiledModel): MetadataSet {
  const counterpart = (entityKey: string, fieldKey: string) => {
    const before = liveModel.entityByKey(entityKey);
    const after = next.entityByKey(entityKey);
    return before && after ? nextFieldOf(before, after, fieldKey) : undefined;
  };
  const renamed = (entityKey: string, field: { key: string; name: string }) => counterpart(entityKey, field.key)?.name ?? field.name;
  return {
    ...(live.layers
      ? {
          // Only storage matters here (rule sets, tariffs, forms and workflows are left out, and so are the layers' prices
          // and their form and workflow layouts); a layer as stored may have no entities.
          layers: (live.layers as Partial<LayerDocument>[]).map(({ tariffOverrides: _prices, forms: _forms, workflows: _workflows, ...layer }) => ({
            ...layer,
            entities: (layer.entities ?? []).map((e) => (e.addFields ? { ...e, addFields: e.addFields.map((f) => ({ ...f, name: renamed(e.key, f) })) } : e)),
          })),
        }
      : {}),
    entities: live.entities.map((entity) => {
      const after = next.entityByKey(entity.key);
      if (!after) return entity;
      return {
        ...entity,
        name: after.name,
        ...(after.document.pluralName ? { pluralName: after.document.pluralName } : {}),
        fields: entity.fields.map((field) => {
          const f = counterpart(entity.key, field.key);
          return f ? { ...field, name: f.name } : field;
        }),
      };
    }),
  };
}
