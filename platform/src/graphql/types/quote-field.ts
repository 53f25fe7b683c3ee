import { GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import { SCALARS } from '../scalars.js';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';
import type { QuoteArgs } from '../../tariffs/quote-request.js';
import { QUOTES } from '../../tariffs/record-quote.js';

/**
 * `priceQuote(customerId | customer, lines, orgUnit, date, termMonths,
 * groupCustomer)`: a quote from the published tariff catalog — lines,
 * discounts, totals exact to the fen, and why each discount applied or not.
 */
export function priceQuoteField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(SCALARS.JSON),
    description: 'A quote from the published tariff catalog for a customer (or a prospective one): lines, discounts, totals and the reasons',
    args: {
      customerId: { type: GraphQLID },
      customer: { type: SCALARS.JSON, description: 'A prospective customer: the fields known, by name' },
      lines: { type: new GraphQLNonNull(SCALARS.JSON), description: '[{ offering, quantity, usage }]' },
      orgUnit: { type: GraphQLString, description: 'The unit the quote is made in (your primary unit by default): its branch prices apply' },
      date: { type: GraphQLString, description: 'YYYY-MM-DD; today by default' },
      termMonths: { type: GraphQLInt },
      groupCustomer: { type: GraphQLString },
    },
    resolve: (_root, args, context) => context.accessFor(version()).part(QUOTES).quote(args as unknown as QuoteArgs),
  };
}
