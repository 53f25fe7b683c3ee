import { getNamedType, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import type { CompiledModel, PluginRecords } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { ListArgs, RecordAccess } from '../records/record-access.js';
import { graphqlNames } from './graphql-names.js';
import { selection } from './selection.js';

/** Where a plugin resolver runs: its plugin, and its field (`Mutation.replaceSimCard`), which errors name. */
export interface PluginField {
  readonly plugin: string;
  readonly typeName: string;
  readonly field: GraphQLField<unknown, unknown>;
}

/**
 * The verbs a plugin resolver gets: the caller's access point, reduced to
 * plain functions (no entity manager, no access point object reaches the
 * plugin). Reads fetch the fields the query selects when the plugin field
 * answers that entity's type or connection, so a hidden field is refused
 * as in the generated API. Writes are the access point's own verbs (the
 * write pipeline, as the caller, in the request's transaction), allowed
 * from root mutation fields only: GraphQL runs query fields side by side,
 * and a read must never write.
 */
export function pluginRecords(access: RecordAccess, model: CompiledModel, where: PluginField, info: GraphQLResolveInfo): PluginRecords {
  const returned = getNamedType(where.field.type).name;
  const selected = (entity: string) => {
    const compiled = model.entityByName(entity);
    if (!compiled) return { fields: undefined, count: false };
    if (returned === graphqlNames.object(compiled)) return { fields: selection.recordFields(compiled, info), count: false };
    if (returned === graphqlNames.connection(compiled)) return { fields: selection.connectionFields(compiled, info), count: selection.has(info, 'totalCount') };
    return { fields: undefined, count: true };
  };
  const writing = <T>(write: () => Promise<T>): Promise<T> => {
    if (where.typeName !== 'Mutation') return Promise.reject(LatticeError.pluginWriteOutsideMutation(where.plugin, `${where.typeName}.${where.field.name}`));
    return write();
  };
  return {
    get: (entity, id) => {
      const { fields } = selected(entity);
      return access.get(entity, id, fields ? { fields } : {});
    },
    list: (entity, listArgs = {}) => {
      const { fields, count } = selected(entity);
      return access.list(entity, { ...(listArgs as ListArgs), includeCount: count, ...(fields ? { fields } : {}) });
    },
    create: (entity, input) => writing(() => access.create(entity, { ...input })),
    update: (entity, id, version, input) => writing(() => access.update(entity, id, version, { ...input })),
    delete: (entity, id, version) => writing(() => access.softDelete(entity, id, version)),
    restore: (entity, id) => writing(() => access.restore(entity, id)),
  };
}
