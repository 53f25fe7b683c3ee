import { quote as priceQuote, type CompiledTariffCatalog, type Quote } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';

export interface QuoteArgs {
  /** An existing customer, read with the caller's permissions. */
  readonly customerId?: string | null;
  /** Or a prospective customer's known fields, by name. */
  readonly customer?: Record<string, unknown> | null;
  /** The unit the quote is made in (a key); the caller's primary unit by default. */
  readonly orgUnit?: string | null;
  /** The day prices are read for (YYYY-MM-DD); today in the business time zone by default. */
  readonly date?: string | null;
  readonly termMonths?: number | null;
  readonly groupCustomer?: string | null;
  readonly lines: readonly { offering: string; quantity?: number; usage?: Record<string, number> }[];
}

/**
 * A quote from the published tariff catalog: the customer's fields (as the
 * caller may read them) and the unit's path in the org tree (for branch
 * prices) go in; lines, discounts, totals and the reasons come out.
 */
export function priceWithCatalog(catalog: CompiledTariffCatalog, customer: Record<string, unknown>, orgUnitPath: readonly string[], date: string, args: QuoteArgs): Quote {
  const result = priceQuote(catalog, {
    customer,
    orgUnitPath,
    date,
    lines: args.lines,
    ...(args.termMonths ? { termMonths: args.termMonths } : {}),
    ...(args.groupCustomer ? { groupCustomer: args.groupCustomer } : {}),
  });
  if (!result.ok) throw LatticeError.invalidRecord('Quote', result.problems);
  return result.value;
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
