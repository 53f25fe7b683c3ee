import { extendSchema, GraphQLError, GraphQLObjectType, parse, type GraphQLField, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { CompiledModel, LatticePlugin, PluginGraphql, PluginResolver, PluginResolverContext } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { ServedVersion } from '../serve/served-version.js';
import { ALWAYS_IN_TRANSACTION, JOINS_REQUEST_TRANSACTION } from './atomic-mutations.js';
import { pluginRecords, type PluginField } from './plugin-records.js';
import type { RecordContext } from './record-context.js';

/** A plugin's GraphQL, with the plugin it came from (errors name it). */
export interface GraphqlExtension {
  readonly plugin: string;
  readonly graphql: PluginGraphql;
}

export function graphqlExtensionsOf(plugins: readonly LatticePlugin[]): GraphqlExtension[] {
  return plugins.flatMap((plugin) => (plugin.graphql ? [{ plugin: plugin.key, graphql: plugin.graphql }] : []));
}

/**
 * The generated record API with the plugins' GraphQL added. A type or field
 * the generated API (or an earlier plugin) already has is refused, naming
 * the plugin, rather than silently replaced: at start for the live version,
 * at plan time for a new one (as is a type the plugin names that the
 * metadata does not make). Each plugin resolver is handed the caller's
 * access point's verbs and nothing else (`plugin-records.ts`).
 */
export function extendRecordSchema(schema: GraphQLSchema, model: CompiledModel, extensions: readonly GraphqlExtension[], version: () => ServedVersion): GraphQLSchema {
  // Before the first publish there are no records to reach, and the types plugins name (Customer...) come with the metadata.
  if (!model.entities.length) return schema;
  let extended = schema;
  for (const { plugin, graphql } of extensions) {
    const before = extended;
    try {
      extended = extendSchema(before, parse(graphql.typeDefs));
    } catch (error) {
      throw refused(plugin, `its typeDefs do not fit the record API: ${(error as Error).message}`);
    }
    for (const [typeName, fields] of Object.entries(graphql.resolvers)) {
      const type = extended.getType(typeName);
      for (const [fieldName, resolver] of Object.entries(fields)) {
        const field = type instanceof GraphQLObjectType ? type.getFields()[fieldName] : undefined;
        if (!field) throw refused(plugin, `it has a resolver for ${typeName}.${fieldName}, which its typeDefs do not define`);
        const existing = before.getType(typeName);
        if (existing instanceof GraphQLObjectType && existing.getFields()[fieldName]) throw refused(plugin, `its resolver for ${typeName}.${fieldName} would replace the record API's own`);
        field.resolve = throughAccessPoint(resolver, { plugin, typeName, field }, model, version);
      }
    }
  }
  return extended;
}

function refused(plugin: string, why: string): LatticeError {
  return LatticeError.invalidMetadata([{ code: 'plugin.graphql', path: `plugins[${plugin}].graphql`, message: `Plugin "${plugin}" extends the GraphQL API, but ${why}` }]);
}

/**
 * A plugin resolver run with the caller's access point of the request's
 * version. A root mutation of a plugin joins the request's transaction,
 * alone or beside others: every write it makes commits with the rest of
 * the request or not at all.
 */
function throughAccessPoint(resolver: PluginResolver, where: PluginField, model: CompiledModel, version: () => ServedVersion) {
  if (where.typeName === 'Mutation') {
    const field = where.field as { extensions: GraphQLField<unknown, unknown>['extensions'] };
    field.extensions = { ...field.extensions, [JOINS_REQUEST_TRANSACTION]: true, [ALWAYS_IN_TRANSACTION]: true };
  }
  const at = `${where.typeName}.${where.field.name}`;
  return (parent: unknown, args: Record<string, unknown>, context: RecordContext, info: GraphQLResolveInfo) => {
    if (!context?.user) throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
    const pluginContext: PluginResolverContext = {
      user: { id: context.user.userId, login: context.user.login },
      records: pluginRecords(context.accessFor(version()), model, where, info),
      refuse: (problems) => {
        throw LatticeError.refusedByPlugin(where.plugin, at, problems);
      },
    };
    return resolver(parent, args, pluginContext);
  };
}
