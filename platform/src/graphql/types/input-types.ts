import { GraphQLID, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, type GraphQLInputFieldConfigMap } from 'graphql';
import { textIn, type CompiledEntity } from '@lattice/runtime';
import { graphqlNames } from '../graphql-names.js';
import { scalarOf } from './field-output-types.js';

/**
 * Create and update inputs: every writable field, all nullable in GraphQL.
 * Required values are checked by the runtime's record validation (the same
 * code the forms run), which names each missing field in one error.
 */
export function writeInput(entity: CompiledEntity, mode: 'create' | 'update'): GraphQLInputObjectType {
  return new GraphQLInputObjectType({
    name: mode === 'create' ? graphqlNames.createInput(entity) : graphqlNames.updateInput(entity),
    fields: () => {
      const fields: GraphQLInputFieldConfigMap = {};
      for (const field of entity.fields) {
        if (field.readOnly) continue;
        const description = `${textIn(field.label) ?? field.name}${field.required ? ' (required)' : ''}`;
        if (field.relation?.kind === 'manyToMany') fields[field.name] = { type: new GraphQLList(new GraphQLNonNull(GraphQLID)), description };
        else if (field.relation?.kind === 'reference') fields[field.name] = { type: GraphQLID, description };
        else if (field.column) fields[field.name] = { type: field.type.list ? new GraphQLList(new GraphQLNonNull(scalarOf(field))) : scalarOf(field), description };
      }
      return fields;
    },
  });
}
