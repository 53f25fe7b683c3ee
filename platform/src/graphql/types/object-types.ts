import { GraphQLBoolean, GraphQLEnumType, GraphQLInputObjectType, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { textIn, type CompiledEntity, type CompiledModel } from '@lattice/runtime';
import { graphqlNames } from '../graphql-names.js';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';
import type { StoredRecord } from '../../storage/stored-record.js';
import { valueOutputType } from './field-output-types.js';
import { selection } from '../selection.js';

const RELATED_LIST_COST = 10;

/** Object, connection and sort types of every entity; relation fields resolve through the request's batch loaders. */
export class ObjectTypes {
  readonly #objects = new Map<string, GraphQLObjectType>();
  readonly #connections = new Map<string, GraphQLObjectType>();
  readonly #orderBys = new Map<string, GraphQLInputObjectType>();
  readonly pageInfo = new GraphQLObjectType({
    name: 'PageInfo',
    fields: {
      hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
      hasPreviousPage: { type: new GraphQLNonNull(GraphQLBoolean) },
      startCursor: { type: GraphQLString },
      endCursor: { type: GraphQLString },
    },
  });
  readonly sortDirection = new GraphQLEnumType({ name: 'SortDirection', values: { ASC: { value: 'ASC' }, DESC: { value: 'DESC' } } });

  constructor(
    private readonly model: CompiledModel,
    private readonly version: () => ServedVersion,
  ) {}

  object(entity: CompiledEntity): GraphQLObjectType {
    let type = this.#objects.get(entity.key);
    if (!type) {
      type = new GraphQLObjectType({ name: graphqlNames.object(entity), description: textIn(entity.label) ?? entity.name, fields: () => this.fields(entity) });
      this.#objects.set(entity.key, type);
    }
    return type;
  }

  private fields(entity: CompiledEntity): GraphQLFieldConfigMap<StoredRecord, RecordContext> {
    const fields: GraphQLFieldConfigMap<StoredRecord, RecordContext> = {};
    for (const field of entity.fields) {
      const description = textIn(field.label) ?? field.name;
      const relation = field.relation;
      const target = relation ? this.model.entityByKey(relation.target) : undefined;
      if (relation?.kind === 'reference' && target) {
        fields[field.name] = {
          type: this.object(target),
          description,
          resolve: (record, _args, context, info) => {
            const id = record[field.name];
            return typeof id === 'string' ? context.accessFor(this.version()).reference(target, id, selection.recordFields(target, info)) : null;
          },
        };
      } else if ((relation?.kind === 'oneToMany' || relation?.kind === 'manyToMany') && target) {
        fields[field.name] = {
          type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(this.object(target)))),
          description,
          // For the cost limit a related list counts as this many records: its size is not known before it runs.
          extensions: { complexity: ({ childComplexity }: { childComplexity: number }) => RELATED_LIST_COST * Math.max(childComplexity, 1) },
          resolve: (record, _args, context, info) => context.accessFor(this.version()).related(entity, field, record.id, selection.recordFields(target, info)),
        };
      } else if (field.column) {
        fields[field.name] = { type: valueOutputType(field), description };
      }
    }
    return fields;
  }

  connection(entity: CompiledEntity): GraphQLObjectType {
    let type = this.#connections.get(entity.key);
    if (!type) {
      const node = new GraphQLNonNull(this.object(entity));
      const edge = new GraphQLObjectType({ name: graphqlNames.edge(entity), fields: { cursor: { type: new GraphQLNonNull(GraphQLString) }, node: { type: node } } });
      type = new GraphQLObjectType({
        name: graphqlNames.connection(entity),
        fields: {
          nodes: { type: new GraphQLNonNull(new GraphQLList(node)) },
          edges: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(edge))) },
          totalCount: { type: new GraphQLNonNull(GraphQLInt) },
          pageInfo: { type: new GraphQLNonNull(this.pageInfo) },
        },
      });
      this.#connections.set(entity.key, type);
    }
    return type;
  }

  orderBy(entity: CompiledEntity): GraphQLInputObjectType {
    let type = this.#orderBys.get(entity.key);
    if (!type) {
      const values = Object.fromEntries(entity.fields.filter((f) => f.column && f.type.sortable).map((f) => [f.name, { value: f.name }]));
      const fieldEnum = new GraphQLEnumType({ name: graphqlNames.orderField(entity), values });
      type = new GraphQLInputObjectType({
        name: graphqlNames.orderBy(entity),
        fields: { field: { type: new GraphQLNonNull(fieldEnum) }, direction: { type: this.sortDirection, defaultValue: 'ASC' } },
      });
      this.#orderBys.set(entity.key, type);
    }
    return type;
  }
}
