/** The catalog as `tariffOfferings` answers it, and a quote as `priceQuote` does (the runtime's `Quote`, as JSON). */
export interface TariffCatalogAnswer {
  customerEntity: string | null;
  /** Where an accepted quote is kept (the example's orders) and that entity's reference to the customer. */
  acceptedQuotes?: { entity: string; field: string | null; customerField: string | null } | null;
  offerings: { key: string; type: string; label: unknown; components: { key: string; label: unknown; charge: 'recurring' | 'oneTime'; amount: string }[] }[];
}

export interface QuoteAnswer {
  orgUnit: string;
  date: string;
  lines: { line: number; offering: string; quantity: number; components: { component: string; charge: string; listPrice: string; price: string; priceSource: string; discount: string; net: string }[]; monthly: string; oneTime: string }[];
  discounts: { line: number; discount: string; label?: unknown; amount: string; capped: boolean; reason: string }[];
  totals: { monthly: string; oneTime: string; discounts: string; term: string };
  explanation: { line: number; discount: string; label?: unknown; status: string; reason: string; because: string[] }[];
  /** The customer's own approved group tariffs the quote looked at, by line: applied or why not. */
  groupTariffs?: { line: number; tariff: string; status: string; applied: boolean }[];
  seal: string;
}

/** The lines a quote is asked for: each chosen offering once, with its quantity (at least 1). */
export function quoteLines(chosen: readonly { offering: string; quantity: number }[]): { offering: string; quantity: number }[] {
  return chosen.filter((l) => l.offering).map((l) => ({ offering: l.offering, quantity: Math.max(1, Math.floor(l.quantity || 1)) }));
}

/**
 * What accepting a quote must ask the user: the keeping entity's required
 * one-value fields the platform cannot fill itself (not the quote, not the
 * customer, none with a default), as its metadata gives them.
 */
export function fieldsToAsk<F extends { name: string; required?: boolean; default?: unknown }>(fields: readonly F[], filled: readonly (string | null)[]): F[] {
  return fields.filter((f) => f.required && f.default === undefined && !filled.includes(f.name));
}
