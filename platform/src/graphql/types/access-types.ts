import { GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import { SCALARS } from '../scalars.js';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';
import { LatticeError } from '../../errors/lattice-error.js';
import { SHARING } from '../../sharing/sharing-verbs.js';

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
    kind: { type: new GraphQLNonNull(GraphQLString), description: 'serve-anywhere, serve-refused, personal-data, share or share-revoked' },
    entity: { type: new GraphQLNonNull(GraphQLString) },
    recordIds: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLID))) },
    units: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))), description: 'Keys of the units whose records these are' },
    reason: { type: GraphQLString },
    details: { type: SCALARS.JSON, description: 'For personal-data: path (read, create, update, delete, restore, audit, filter, sort, duplicate) and the fields revealed; a filter also its operators, never the values searched' },
  },
});

const AccessLogPage = new GraphQLObjectType({
  name: 'AccessLogPage',
  fields: { entries: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(AccessLogEntry))) }, hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) } },
});

const RecordShare = new GraphQLObjectType({
  name: 'RecordShare',
  description: 'One record shared with a user or a unit',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    entity: { type: new GraphQLNonNull(GraphQLString) },
    recordId: { type: new GraphQLNonNull(GraphQLID) },
    user: { type: GraphQLString, description: 'Login of the user it is shared with' },
    unit: { type: GraphQLString, description: 'Key of the unit it is shared with' },
    access: { type: new GraphQLNonNull(GraphQLString), description: 'read or update' },
    kind: { type: new GraphQLNonNull(GraphQLString), description: 'share, or serve (a serve-anywhere grant)' },
    reason: { type: GraphQLString },
    grantedBy: { type: new GraphQLNonNull(GraphQLString), description: 'Login of who made it' },
    grantedAt: { type: new GraphQLNonNull(SCALARS.DateTime) },
    expiresAt: { type: SCALARS.DateTime, description: 'When it ends' },
  },
});

/** Sharing one record: `shareRecord`, `revokeShare` (mutations) and `recordShares` (query). Whoever may change a record by their own rights may share it, for a reason and until a given instant. */
export function sharingFields(version: () => ServedVersion): { shareRecord: GraphQLFieldConfig<unknown, RecordContext>; revokeShare: GraphQLFieldConfig<unknown, RecordContext>; recordShares: GraphQLFieldConfig<unknown, RecordContext> } {
  const entity = { type: new GraphQLNonNull(GraphQLString) };
  return {
    shareRecord: {
      type: new GraphQLNonNull(RecordShare),
      args: { entity, id: { type: new GraphQLNonNull(GraphQLID) }, user: { type: GraphQLString }, unit: { type: GraphQLString }, access: { type: GraphQLString, defaultValue: 'read' }, until: { type: SCALARS.DateTime }, reason: { type: GraphQLString } },
      resolve: (_root, a, context) => {
        if (a['access'] !== 'read' && a['access'] !== 'update') throw LatticeError.invalidInput('access', 'access is read or update');
        return context.accessFor(version()).part(SHARING).share(a['entity'] as string, a['id'] as string, { user: a['user'] as string | null, unit: a['unit'] as string | null, access: a['access'] as 'read' | 'update', until: (a['until'] as string | null) ?? null, reason: (a['reason'] as string | null) ?? null });
      },
    },
    revokeShare: {
      type: new GraphQLNonNull(GraphQLBoolean),
      args: { entity, shareId: { type: new GraphQLNonNull(GraphQLID) } },
      resolve: (_root, a, context) => context.accessFor(version()).part(SHARING).revokeShare(a['entity'] as string, a['shareId'] as string),
    },
    recordShares: {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(RecordShare))),
      args: { entity, id: { type: new GraphQLNonNull(GraphQLID) } },
      resolve: (_root, a, context) => context.accessFor(version()).part(SHARING).shares(a['entity'] as string, a['id'] as string),
    },
  };
}

/** `serveAnywhere(entity, match, reason)`: identify a record from outside your scope by the identifiers your role allows. */
export function serveAnywhereField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(ServeGrant),
    description: 'Serve a customer from outside your scope: give the exact identifiers your role requires and the reason; the access is time-limited and logged for the owning unit',
    args: { entity: { type: new GraphQLNonNull(GraphQLString) }, match: { type: new GraphQLNonNull(SCALARS.JSON) }, reason: { type: new GraphQLNonNull(GraphQLString) } },
    resolve: (_root, args, context) => context.accessFor(version()).part(SHARING).serveAnywhere(args['entity'] as string, (args['match'] ?? {}) as Record<string, unknown>, args['reason'] as string),
  };
}

/** `accessLog(kind, first, after)`: newest first; `after` is the last entry id of the previous page. */
export function accessLogField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(AccessLogPage),
    args: { kind: { type: GraphQLString }, first: { type: GraphQLInt }, after: { type: GraphQLString } },
    resolve: (_root, args, context) => context.accessFor(version()).part(SHARING).accessLog(args as { kind?: string; first?: number; after?: string }),
  };
}
