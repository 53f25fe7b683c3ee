import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLScalarType, GraphQLString, Kind, type ValueNode } from 'graphql';
import type { ScalarName } from '@lattice/runtime';

/**
 * Lattice's scalars carry canonical values (money and decimals as exact
 * strings, dates as ISO strings). They pass values through: each value is
 * then decoded by its field type, which gives the specific error.
 */
function passThroughScalar(name: string, description: string): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => (value instanceof Date ? value.toISOString() : value),
    parseValue: (value) => value,
    parseLiteral: literalValue,
  });
}

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return node.value.includes('.') || node.value.includes('e') ? node.value : Number(node.value);
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalValue(f.value)]));
    default:
      return undefined;
  }
}

const custom = {
  Money: passThroughScalar('Money', 'An amount in CNY, exact to the fen, as a string such as "199.00" (input also accepts numbers with at most 2 decimals)'),
  Decimal: passThroughScalar('Decimal', 'An exact decimal number as a string such as "12.5000"'),
  Date: passThroughScalar('Date', 'A calendar date, YYYY-MM-DD'),
  DateTime: passThroughScalar('DateTime', 'An instant, ISO-8601 with a time zone, e.g. 2026-11-25T08:30:00.000Z'),
  JSON: passThroughScalar('JSON', 'Any JSON value'),
  BigInt: passThroughScalar('BigInt', 'A 64-bit integer as a string'),
};

/** The one map from a field type's scalar name to a GraphQL scalar. */
export const SCALARS: Record<ScalarName, GraphQLScalarType> = {
  String: GraphQLString,
  Int: GraphQLInt,
  Float: GraphQLFloat,
  Boolean: GraphQLBoolean,
  ID: GraphQLID,
  ...custom,
};
