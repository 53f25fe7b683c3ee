import { formsField, viewsField } from './types/screen-types.js';
import { viewerField } from './types/viewer-field.js';
import { GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, validateSchema, type GraphQLFieldConfigMap } from 'graphql';
import { formsOf, tariffsOf, viewsOf, type CompiledModel, type CompiledWorkflows } from '@lattice/runtime';
import { graphqlNames } from './graphql-names.js';
import type { RecordContext } from './record-context.js';
import { FilterTypes } from './types/filter-types.js';
import { ObjectTypes } from './types/object-types.js';
import { writeInput } from './types/input-types.js';
import { auditLogField } from './types/audit-types.js';
import { accessLogField, serveAnywhereField, sharingFields } from './types/access-types.js';
import { priceQuoteField, tariffOfferingsField } from './types/quote-field.js';
import { workflowFields } from './types/workflow-fields.js';
import { slaFiguresField } from './types/sla-figures-field.js';
import { savedViewFields } from './types/saved-view-types.js';
import { serveAnywhereOptionsField } from './types/serve-anywhere-options.js';
import type { ServedVersion } from '../serve/served-version.js';
import type { ApiSchemaBuilder } from '../serve/build-served-version.js';
import type { ViewListArgs } from '../records/record-access.js';
import { selection } from './selection.js';
import { SCALARS } from './scalars.js';
import { JOINS_REQUEST_TRANSACTION } from './atomic-mutations.js';
import { extendRecordSchema, type GraphqlExtension } from './plugin-extensions.js';

type Fields = GraphQLFieldConfigMap<unknown, RecordContext>;
type Args = Record<string, unknown>;

/**
 * The generated record API of one metadata version: a pure, synchronous
 * build from the compiled model, ending in `validateSchema`. Resolvers are
 * thin: each calls one verb of the access point of the request's version.
 * The plugins' GraphQL is added last, refused when a name clashes.
 */
/** The record API builder serving takes: this schema with the plugins' extensions. */
export function recordSchemaBuilder(extensions: readonly GraphqlExtension[]): ApiSchemaBuilder {
  return (model, served) => buildRecordSchema(model, served, extensions);
}

export function buildRecordSchema(model: CompiledModel, version: () => ServedVersion, extensions: readonly GraphqlExtension[] = []): GraphQLSchema {
  const objects = new ObjectTypes(model, version);
  const filters = new FilterTypes(model);
  const query: Fields = {};
  const mutation: Fields = {};
  const access = (context: RecordContext) => context.accessFor(version());
  // The record verbs write only through the access point, in the request's transaction when there is one.
  const joins = { [JOINS_REQUEST_TRANSACTION]: true };

  for (const entity of model.entities) {
    const type = objects.object(entity);
    const nonNull = new GraphQLNonNull(type);
    const createInput = writeInput(entity, 'create');
    const updateInput = writeInput(entity, 'update');
    query[graphqlNames.getQuery(entity)] = {
      type,
      description: `One ${entity.name} by id`,
      args: { id: { type: new GraphQLNonNull(GraphQLID) }, includeDeleted: { type: GraphQLBoolean } },
      resolve: (_r, a: Args, c, info) => access(c).get(entity.name, a['id'] as string, { includeDeleted: a['includeDeleted'] === true, fields: selection.recordFields(entity, info) }),
    };
    query[graphqlNames.listQuery(entity)] = {
      type: new GraphQLNonNull(objects.connection(entity)),
      description: `A page of ${entity.pluralName}, filtered and sorted, with the total count`,
      args: {
        filter: { type: filters.entityFilter(entity) },
        orderBy: { type: new GraphQLList(new GraphQLNonNull(objects.orderBy(entity))) },
        first: { type: GraphQLInt },
        after: { type: GraphQLString },
        last: { type: GraphQLInt },
        before: { type: GraphQLString },
        includeDeleted: { type: GraphQLBoolean },
        onlyDeleted: { type: GraphQLBoolean },
        view: { type: GraphQLString, description: 'A shared view (its key; see views): its filter is ANDed with filter, its sort and page size apply unless you give your own' },
        savedView: { type: GraphQLID, description: 'One of your saved views (its id; see savedViews), applied as view is' },
      },
      resolve: (_r, a: Args, c, info) =>
        access(c).list(entity.name, { ...(a as ViewListArgs), includeCount: selection.has(info, 'totalCount'), fields: selection.connectionFields(entity, info) }),
    };
    mutation[graphqlNames.create(entity)] = {
      extensions: joins,
      type: nonNull,
      args: { input: { type: new GraphQLNonNull(createInput) } },
      resolve: (_r, a: Args, c) => access(c).create(entity.name, a['input'] as Args),
    };
    mutation[graphqlNames.createMany(entity)] = {
      extensions: joins,
      type: new GraphQLNonNull(new GraphQLList(nonNull)),
      description: 'Creates all or none',
      args: { inputs: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(createInput))) } },
      resolve: (_r, a: Args, c) => access(c).createMany(entity.name, a['inputs'] as Args[]),
    };
    mutation[graphqlNames.update(entity)] = {
      extensions: joins,
      type: nonNull,
      description: 'Updates the given fields; `version` is the version you read (a stale one is a CONFLICT naming the fields changed since)',
      args: { id: { type: new GraphQLNonNull(GraphQLID) }, version: { type: new GraphQLNonNull(GraphQLInt) }, input: { type: new GraphQLNonNull(updateInput) } },
      resolve: (_r, a: Args, c) => access(c).update(entity.name, a['id'] as string, a['version'] as number, a['input'] as Args),
    };
    mutation[graphqlNames.delete(entity)] = {
      extensions: joins,
      type: nonNull,
      description: 'Soft delete: the record leaves lists and can be restored',
      args: { id: { type: new GraphQLNonNull(GraphQLID) }, version: { type: GraphQLInt } },
      resolve: (_r, a: Args, c) => access(c).softDelete(entity.name, a['id'] as string, (a['version'] as number | null) ?? undefined),
    };
    mutation[graphqlNames.restore(entity)] = {
      extensions: joins,
      type: nonNull,
      args: { id: { type: new GraphQLNonNull(GraphQLID) } },
      resolve: (_r, a: Args, c) => access(c).restore(entity.name, a['id'] as string),
    };
  }
  query['auditLog'] = auditLogField(version);
  query['accessLog'] = accessLogField(version);
  if (model.entities.length) {
    const sharing = sharingFields(version);
    mutation['serveAnywhere'] = serveAnywhereField(version);
    query['serveAnywhereOptions'] ??= serveAnywhereOptionsField(version);
    mutation['shareRecord'] = sharing.shareRecord;
    mutation['revokeShare'] = sharing.revokeShare;
    query['recordShares'] = sharing.recordShares;
    const saved = savedViewFields(version);
    // Unless an entity's list query already has the name.
    for (const [name, field] of Object.entries(saved.query)) query[name] ??= field;
    for (const [name, field] of Object.entries(saved.mutation)) mutation[name] ??= field;
  }
  if (tariffsOf(model)?.catalog) {
    query['priceQuote'] = priceQuoteField(version);
    query['tariffOfferings'] ??= tariffOfferingsField(version);
  }
  if (model.section<CompiledWorkflows>('workflows')?.all.length) {
    const workflows = workflowFields(version);
    // Unless an entity's own query or mutation already has the name.
    for (const [name, field] of Object.entries(workflows.query)) query[name] ??= field;
    for (const [name, field] of Object.entries(workflows.mutation)) mutation[name] ??= field;
    query['slaFigures'] ??= slaFiguresField(version);
  }
  query['effectiveMetadata'] = {
    type: new GraphQLNonNull(SCALARS.JSON),
    description: 'The metadata you work with: your unit\'s layers folded over the base, with the fields your roles let you read',
    args: { unit: { type: GraphQLString } },
    resolve: (_r, a: Args, c) => access(c).effectiveMetadata((a['unit'] as string | null) ?? null),
  };
  // Unless an entity's list query already has the name (an entity called Form).
  if (formsOf(model).all.length && !query['forms']) query['forms'] = formsField(version);
  if (viewsOf(model).length && !query['views']) query['views'] = viewsField(version);
  if (!query['viewer']) query['viewer'] = viewerField(version);
  query['metadataVersion'] = { type: new GraphQLNonNull(GraphQLInt), description: 'The metadata version this API was generated from', resolve: () => version().version };

  const generated = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: query }),
    ...(Object.keys(mutation).length ? { mutation: new GraphQLObjectType({ name: 'Mutation', fields: mutation }) } : {}),
  });
  const schema = extendRecordSchema(generated, model, extensions, version);
  const errors = validateSchema(schema);
  if (errors.length) throw new Error(`Generated schema is invalid: ${errors.map((e) => e.message).join('; ')}`);
  return schema;
}

