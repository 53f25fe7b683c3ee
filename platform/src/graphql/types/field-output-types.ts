import { GraphQLList, GraphQLNonNull, type GraphQLOutputType, type GraphQLScalarType } from 'graphql';
import type { CompiledField, ScalarName } from '@lattice/runtime';
import { scalarForFormulaType } from '@lattice/runtime';
import { SCALARS } from '../scalars.js';

/** The GraphQL scalar of a field's value (formulas: from their inferred result type). */
export function scalarOf(field: CompiledField): GraphQLScalarType {
  const name: ScalarName = field.formula ? scalarForFormulaType(field.formula.resultType) : field.type.scalar;
  return SCALARS[name];
}

/** Output type of a stored, non-relation field. */
export function valueOutputType(field: CompiledField): GraphQLOutputType {
  const scalar = scalarOf(field);
  if (field.type.list) return new GraphQLList(new GraphQLNonNull(scalar));
  return field.system && field.required ? new GraphQLNonNull(scalar) : scalar;
}
