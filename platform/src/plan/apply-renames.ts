import type { CompiledModel, LayerDocument, MetadataSet } from '@lattice/runtime';

/**
 * The live metadata with the next version's names put on every element that
 * survives (matched by key). Its schema is the live database after Lattice's
 * renames, which is what MikroORM's diff must start from. Fields that
 * layers add live in the same tables, so their names follow too.
 */
export function applyRenames(live: MetadataSet, next: CompiledModel): MetadataSet {
  const renamed = (entityKey: string, field: { key: string; name: string }) => next.entityByKey(entityKey)?.fieldByKey(field.key)?.name ?? field.name;
  return {
    ...(live.layers
      ? {
          // Only storage matters here (rule sets and tariffs are left out, and so are the layers' prices);
          // a layer as stored may have no entities.
          layers: (live.layers as Partial<LayerDocument>[]).map(({ tariffOverrides: _prices, ...layer }) => ({
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
          const f = after.fieldByKey(field.key);
          return f ? { ...field, name: f.name } : field;
        }),
      };
    }),
  };
}
