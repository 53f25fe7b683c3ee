import { GraphQLBoolean, GraphQLID, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, type GraphQLInputFieldConfigMap, type GraphQLInputType, type GraphQLScalarType } from 'graphql';
import { isListOperator, REFERENCE_OPERATORS, upperFirst, type CompiledEntity, type CompiledField, type CompiledModel, type FilterOperator } from '@lattice/runtime';
import { graphqlNames } from '../graphql-names.js';
import { scalarOf } from './field-output-types.js';

/**
 * Filter input types: one per entity (its fields, and/or/not), one per
 * field-type operator set, a reference filter (`eq`… on the id, `is` to
 * filter through the referenced record) and a list filter (`some`, `none`).
 */
export class FilterTypes {
  readonly #entityFilters = new Map<string, GraphQLInputObjectType>();
  readonly #valueFilters = new Map<string, GraphQLInputObjectType>();
  readonly #referenceFilters = new Map<string, GraphQLInputObjectType>();
  readonly #listFilters = new Map<string, GraphQLInputObjectType>();

  constructor(private readonly model: CompiledModel) {}

  entityFilter(entity: CompiledEntity): GraphQLInputObjectType {
    let type = this.#entityFilters.get(entity.key);
    if (!type) {
      type = new GraphQLInputObjectType({
        name: graphqlNames.filter(entity),
        description: `Conditions on ${entity.name}; all given conditions must hold`,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const field of entity.fields) {
            const input = this.fieldFilter(field);
            if (input) fields[field.name] = { type: input };
          }
          const self = this.entityFilter(entity);
          fields['and'] = { type: new GraphQLList(new GraphQLNonNull(self)) };
          fields['or'] = { type: new GraphQLList(new GraphQLNonNull(self)) };
          fields['not'] = { type: self };
          return fields;
        },
      });
      this.#entityFilters.set(entity.key, type);
    }
    return type;
  }

  private fieldFilter(field: CompiledField): GraphQLInputType | undefined {
    const relation = field.relation;
    const target = relation ? this.model.entityByKey(relation.target) : undefined;
    if (relation?.kind === 'reference' && target) return this.referenceFilter(target);
    if ((relation?.kind === 'oneToMany' || relation?.kind === 'manyToMany') && target) return this.listFilter(target);
    if (!field.column || field.type.filterOperators.length === 0) return undefined;
    return this.valueFilter(field);
  }

  private valueFilter(field: CompiledField): GraphQLInputObjectType {
    const scalar = scalarOf(field);
    const name = `${upperFirst(field.typeName)}${field.formula ? scalar.name : ''}Filter`;
    let type = this.#valueFilters.get(name);
    if (!type) {
      const fields: GraphQLInputFieldConfigMap = {};
      for (const op of field.type.filterOperators) fields[op] = { type: operandType(op, scalar) };
      type = new GraphQLInputObjectType({ name, description: `Conditions on a ${field.typeName} field`, fields });
      this.#valueFilters.set(name, type);
    }
    return type;
  }

  private referenceFilter(target: CompiledEntity): GraphQLInputObjectType {
    let type = this.#referenceFilters.get(target.key);
    if (!type) {
      type = new GraphQLInputObjectType({
        name: graphqlNames.referenceFilter(target),
        description: `Conditions on a reference to ${target.name}: on its id, or through it with "is"`,
        fields: () => ({ ...Object.fromEntries(REFERENCE_OPERATORS.map((op) => [op, { type: operandType(op, GraphQLID) }])), is: { type: this.entityFilter(target) } }),
      });
      this.#referenceFilters.set(target.key, type);
    }
    return type;
  }

  private listFilter(target: CompiledEntity): GraphQLInputObjectType {
    let type = this.#listFilters.get(target.key);
    if (!type) {
      type = new GraphQLInputObjectType({
        name: graphqlNames.listFilter(target),
        description: `Conditions on a list of ${target.pluralName}`,
        fields: () => ({ some: { type: this.entityFilter(target) }, none: { type: this.entityFilter(target) } }),
      });
      this.#listFilters.set(target.key, type);
    }
    return type;
  }
}

/** The operand of an operator as the runtime's condition language defines it: true/false for isNull, a list for list operators. */
function operandType(op: FilterOperator, scalar: GraphQLScalarType): GraphQLInputType {
  if (op === 'isNull') return GraphQLBoolean;
  return isListOperator(op) ? new GraphQLList(new GraphQLNonNull(scalar)) : scalar;
}
