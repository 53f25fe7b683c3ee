import { GraphQLBoolean, GraphQLEnumType, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import { SCALARS } from '../scalars.js';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';
import type { AuditQuery } from '../../audit/audit-log.js';
import { AUDIT } from '../../audit/record-audit.js';

const AuditAction = new GraphQLEnumType({
  name: 'AuditAction',
  values: Object.fromEntries(['create', 'update', 'delete', 'restore', 'publish', 'rollback', 'approval'].map((a) => [a.toUpperCase(), { value: a }])),
});

const AuditEntry = new GraphQLObjectType({
  name: 'AuditEntry',
  description: 'Who changed what, when: before and after of each changed field',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    at: { type: new GraphQLNonNull(SCALARS.DateTime) },
    actor: { type: GraphQLString },
    action: { type: new GraphQLNonNull(AuditAction) },
    entity: { type: GraphQLString },
    recordId: { type: GraphQLID },
    recordVersion: { type: GraphQLInt },
    metadataVersion: { type: GraphQLInt },
    changes: { type: SCALARS.JSON },
  },
});

const AuditPage = new GraphQLObjectType({
  name: 'AuditPage',
  fields: {
    entries: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(AuditEntry))) },
    hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
  },
});

/** `auditLog(entity, recordId, action, first, after)`: newest first; `after` is the last entry id of the previous page. */
export function auditLogField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(AuditPage),
    args: { entity: { type: GraphQLString }, recordId: { type: GraphQLID }, action: { type: AuditAction }, first: { type: GraphQLInt }, after: { type: GraphQLString } },
    resolve: (_root, args, context) => context.accessFor(version()).part(AUDIT).audit(args as AuditQuery),
  };
}
