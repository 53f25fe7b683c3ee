import type { CompiledModel, MetadataSet } from '@lattice/runtime';

/**
 * The live metadata with the next version's names put on every element that
 * survives (matched by key). Its schema is the live database after Lattice's
 * renames, which is what MikroORM's diff must start from.
 */
export function applyRenames(live: MetadataSet, next: CompiledModel): MetadataSet {
  return {
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
