import { GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import { SCALARS } from '../scalars.js';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';

const ServeGrant = new GraphQLObjectType({
  name: 'ServeGrant',
  description: 'Time-limited access to one record from outside your scope',
  fields: {
    entity: { type: new GraphQLNonNull(GraphQLString) },
    recordId: { type: new GraphQLNonNull(GraphQLID) },
    expiresAt: { type: new GraphQLNonNull(SCALARS.DateTime) },
    access: { type: new GraphQLNonNull(GraphQLString) },
  },
});

const AccessLogEntry = new GraphQLObjectType({
  name: 'AccessLogEntry',
  description: 'Who served or read whose personal data, when, and why',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    at: { type: new GraphQLNonNull(SCALARS.DateTime) },
    login: { type: new GraphQLNonNull(GraphQLString) },
    kind: { type: new GraphQLNonNull(GraphQLString), description: 'serve-anywhere, serve-refused or personal-data' },
    entity: { type: new GraphQLNonNull(GraphQLString) },
    recordIds: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLID))) },
    units: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))), description: 'Keys of the units whose records these are' },
    reason: { type: GraphQLString },
    details: { type: SCALARS.JSON },
  },
});

const AccessLogPage = new GraphQLObjectType({
  name: 'AccessLogPage',
  fields: { entries: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(AccessLogEntry))) }, hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) } },
});

/** `serveAnywhere(entity, match, reason)`: identify a record from outside your scope by the identifiers your role allows. */
export function serveAnywhereField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(ServeGrant),
    description: 'Serve a customer from outside your scope: give the exact identifiers your role requires and the reason; the access is time-limited and logged for the owning unit',
    args: { entity: { type: new GraphQLNonNull(GraphQLString) }, match: { type: new GraphQLNonNull(SCALARS.JSON) }, reason: { type: new GraphQLNonNull(GraphQLString) } },
    resolve: (_root, args, context) => context.accessFor(version()).serveAnywhere(args['entity'] as string, (args['match'] ?? {}) as Record<string, unknown>, args['reason'] as string),
  };
}

/** `accessLog(kind, first, after)`: newest first; `after` is the last entry id of the previous page. */
export function accessLogField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(AccessLogPage),
    args: { kind: { type: GraphQLString }, first: { type: GraphQLInt }, after: { type: GraphQLString } },
    resolve: (_root, args, context) => context.accessFor(version()).accessLog(args as { kind?: string; first?: number; after?: string }),
  };
}
