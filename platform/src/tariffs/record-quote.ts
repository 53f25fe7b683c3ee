import { tariffsOf, withGroupTariffs, type Quote } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { AccessParts } from '../records/access-parts.js';
import { accessPart } from '../records/access-part.js';
import type { QuoteSeal } from './quote-seal.js';
import { priceWithCatalog, todayIn, type QuoteArgs } from './quote-request.js';
import { approvedGroupTariffs } from './group-tariff-records.js';

/** The tariff module's verbs on the access point. */
export interface QuoteVerbs {
  /** A sealed quote in a unit the actor holds a position in, for a customer they may read. */
  quote(args: QuoteArgs): Promise<Quote & { seal: string }>;
}

/** `access.part(QUOTES)`: registered by the composition root with `quoteVerbs`. */
export const QUOTES = accessPart<QuoteVerbs>('tariffs');

export interface QuoteSettings {
  /** Seals issued quotes (the same seal the sealed-quote hook checks). */
  readonly seal: QuoteSeal;
  /** The business time zone: "today" for quotes. */
  readonly timeZone: string;
}

/** Makes the quote verbs of one access point. */
export function quoteVerbs(settings: QuoteSettings): (parts: AccessParts) => QuoteVerbs {
  return (parts) => ({ quote: (args) => quoteFor(parts, settings, args) });
}

/**
 * A quote for a customer (read with the actor's permissions, as the access
 * point's `get` reads it) or a prospective one, in a unit the actor holds a
 * position in (their primary one by default): its branch prices apply.
 * For a group's member lines, the group's approved tariffs apply.
 */
async function quoteFor(parts: AccessParts, settings: QuoteSettings, args: QuoteArgs): Promise<Quote & { seal: string }> {
  const { model, options, position } = parts;
  const tariffs = tariffsOf(model);
  const catalog = tariffs?.catalog;
  const customerEntity = tariffs ? model.entityByKey(tariffs.customerEntity) : undefined;
  if (!customerEntity || !catalog) throw LatticeError.notFound('A published tariff catalog');
  let customer = args.customer ?? {};
  if (args.customerId) {
    const record = await parts.get(customerEntity.name, args.customerId);
    if (!record) throw LatticeError.recordNotFound(customerEntity.name, args.customerId);
    customer = record;
  }
  const unit = args.orgUnit ?? position.primaryUnitKey();
  if (!unit) throw LatticeError.invalidInput('orgUnit', 'Say in which org unit the quote is made');
  if (args.orgUnit) position.assertHoldsPosition(args.orgUnit, 'orgUnit');
  const path = options.directory.pathKeys(unit);
  if (!path) throw LatticeError.invalidInput('orgUnit', `No org unit "${unit}"`);
  const group = args.groupCustomer && tariffs.groupTariffs ? await approvedGroupTariffs(parts, tariffs.groupTariffs, customerEntity.name, args.groupCustomer) : undefined;
  const priced = group && args.groupCustomer ? withGroupTariffs(catalog, args.groupCustomer, group) : catalog;
  return settings.seal.seal(priceWithCatalog(priced, customer, path, args.date ?? todayIn(settings.timeZone), args));
}
