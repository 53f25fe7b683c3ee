import { GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import { tariffsOf } from '@lattice/runtime';
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

/**
 * `tariffOfferings`: what a quote screen offers to choose from — the entity
 * quotes are made for (its GraphQL name) and each offering of the published
 * catalog with its type, labels, list prices, allowances and validity. The
 * catalog is published metadata that every quote prices with; who may order
 * an offering, and at which price in the caller's unit, is the quote's to say.
 */
export function tariffOfferingsField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(SCALARS.JSON),
    description: 'The published tariff catalog: { customerEntity, acceptedQuotes: { entity, field, customerField }, offerings: [{ key, type, label, components, allowances, includes, minimumTermMonths, validFrom, validTo }] }',
    resolve: () => {
      const { model } = version();
      const tariffs = tariffsOf(model);
      const offerings = [...(tariffs?.catalog?.offerings.values() ?? [])].map(({ document: o }) => ({
        key: o.key,
        type: o.type,
        label: o.label ?? null,
        components: o.components.map((c) => ({ key: c.key, label: c.label ?? null, charge: c.charge, amount: c.amount })),
        allowances: (o.allowances ?? []).map((a) => ({ key: a.key, unit: a.unit, included: a.included })),
        includes: o.includes ?? [],
        minimumTermMonths: o.minimumTermMonths ?? 0,
        validFrom: o.validFrom ?? null,
        validTo: o.validTo ?? null,
      }));
      // Where an accepted quote is kept (an order), and the order's reference to the customer: what "accept as an order" fills in.
      const accepted = (model.source.tariffs as { acceptedQuotes?: { entity: string; field: string } } | undefined)?.acceptedQuotes;
      const keeper = accepted && model.entityByKey(accepted.entity);
      const acceptedQuotes = keeper && {
        entity: keeper.name,
        field: keeper.fieldByKey(accepted.field)?.name ?? null,
        customerField: keeper.fields.find((f) => f.relation?.kind === 'reference' && f.relation.target === tariffs?.customerEntity)?.name ?? null,
      };
      return { customerEntity: tariffs ? (model.entityByKey(tariffs.customerEntity)?.name ?? null) : null, acceptedQuotes: acceptedQuotes || null, offerings };
    },
  };
}
