import type { Quote } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { AccessParts } from '../records/access-parts.js';
import { priceWithCatalog, todayIn, type QuoteArgs } from './quote-request.js';
import type { StoredRecord } from '../storage/stored-record.js';

/**
 * A quote for a customer (read with the actor's permissions, through
 * `readCustomer`) or a prospective one, in a unit the actor holds a position
 * in (their primary one by default): its branch prices apply.
 */
export async function quoteFor(parts: AccessParts, args: QuoteArgs, readCustomer: (entityName: string, id: string) => Promise<StoredRecord | null>): Promise<Quote & { seal: string }> {
  const { model, options, position } = parts;
  const catalog = model.tariffs;
  const customerEntity = model.tariffCustomerEntity ? model.entityByKey(model.tariffCustomerEntity) : undefined;
  if (!customerEntity || !catalog) throw LatticeError.notFound('A published tariff catalog');
  let customer = args.customer ?? {};
  if (args.customerId) {
    const record = await readCustomer(customerEntity.name, args.customerId);
    if (!record) throw LatticeError.recordNotFound(customerEntity.name, args.customerId);
    customer = record;
  }
  const unit = args.orgUnit ?? position.primaryUnitKey();
  if (!unit) throw LatticeError.invalidInput('orgUnit', 'Say in which org unit the quote is made');
  if (args.orgUnit) position.assertHoldsPosition(args.orgUnit, 'orgUnit');
  const path = options.directory.pathKeys(unit);
  if (!path) throw LatticeError.invalidInput('orgUnit', `No org unit "${unit}"`);
  return options.quoteSeal.seal(priceWithCatalog(catalog, customer, path, args.date ?? todayIn(options.timeZone), args));
}
