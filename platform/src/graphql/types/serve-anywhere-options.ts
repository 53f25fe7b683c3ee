import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';

const names = (type: GraphQLNonNull<typeof GraphQLString>) => new GraphQLNonNull(new GraphQLList(type));

const ServeAnywhereOption = new GraphQLObjectType({
  name: 'ServeAnywhereOption',
  description: 'One way your positions let you serve a record from outside your scope',
  fields: {
    identify: { type: new GraphQLNonNull(new GraphQLList(names(new GraphQLNonNull(GraphQLString)))), description: 'Each entry one exact combination of field API names that identifies the record' },
    minutes: { type: new GraphQLNonNull(GraphQLInt), description: 'How long the access lasts' },
    access: { type: new GraphQLNonNull(GraphQLString), description: 'read or update' },
  },
});

/**
 * `serveAnywhereOptions(entity)`: how the caller's own positions let them
 * serve the entity's records from outside their scope (empty when they may
 * not), so a screen can ask for exactly those identifiers. It reveals only
 * the caller's own grants, never a record.
 */
export function serveAnywhereOptionsField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(ServeAnywhereOption))),
    description: 'How your positions let you serve records of an entity (its GraphQL type name) from outside your scope',
    args: { entity: { type: new GraphQLNonNull(GraphQLString) } },
    resolve: (_root, args: Record<string, unknown>, context) => {
      const access = context.accessFor(version());
      const entity = access.entity(args['entity'] as string);
      const nameOf = (key: string) => entity.fieldByKey(key)?.name ?? key;
      return access.actor.grants.serveAnywhere(entity.key).map((policy) => ({ identify: policy.identify.map((set) => set.map(nameOf)), minutes: policy.minutes, access: policy.access }));
    },
  };
}
