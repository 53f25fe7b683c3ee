import { GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';
import { SLA_FIGURES, type SlaFiguresQuery } from '../../sla/sla-figures.js';

const count = { type: new GraphQLNonNull(GraphQLInt) };

const SlaFigures = new GraphQLObjectType({
  name: 'SlaFigures',
  description: 'Time-limit figures of one unit over a period, counting only records you may read',
  fields: {
    unit: { type: new GraphQLNonNull(GraphQLString), description: 'The unit (key) the records are counted under' },
    unitName: { type: GraphQLString },
    onTime: { ...count, description: 'Steps with a time limit left in the period within their limit' },
    late: { ...count, description: 'Steps whose time limit ran out in the period' },
    onTimeRate: { type: GraphQLFloat, description: 'onTime / (onTime + late); null when neither' },
    meanHandlingSeconds: { type: GraphQLFloat, description: 'Mean time of the steps left in the period: business time where the limit is in business hours, stopped clocks excluded' },
    escalations: { ...count, description: 'Breach escalations raised in the period' },
    open: { ...count, description: 'Records in the workflow not closed now' },
    overdue: { ...count, description: 'Open records past their due time now' },
  },
});

/** `slaFigures(entity, workflow, unit, groupBy, from, to)`: through the access point's SLA part, so the caller's read permissions bound it. */
export function slaFiguresField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(SlaFigures))),
    description: 'On-time rate, mean handling time, escalations and open and overdue counts per unit for a period; a unit none of whose records you may read has no row',
    args: {
      entity: { type: new GraphQLNonNull(GraphQLString), description: 'The entity (its GraphQL type name)' },
      workflow: { type: GraphQLString, description: 'One workflow (key); none: every workflow of the entity' },
      unit: { type: GraphQLString, description: 'The unit (key) whose subtree is counted; none: the whole tree' },
      groupBy: { type: GraphQLString, description: 'A unit kind (e.g. city): a row per unit of that kind; none: a row per unit directly below `unit`' },
      from: { type: new GraphQLNonNull(GraphQLString), description: 'Start of the period (ISO 8601, included)' },
      to: { type: new GraphQLNonNull(GraphQLString), description: 'End of the period (ISO 8601, excluded)' },
    },
    resolve: (_r, args: Record<string, unknown>, context) => context.accessFor(version()).part(SLA_FIGURES).figures(args as unknown as SlaFiguresQuery),
  };
}
