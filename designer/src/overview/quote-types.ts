/** The catalog as `tariffOfferings` answers it, and a quote as `priceQuote` does (the runtime's `Quote`, as JSON). */
export interface TariffCatalogAnswer {
  customerEntity: string | null;
  offerings: { key: string; type: string; label: unknown; components: { key: string; label: unknown; charge: 'recurring' | 'oneTime'; amount: string }[] }[];
}

export interface QuoteAnswer {
  orgUnit: string;
  date: string;
  lines: { line: number; offering: string; quantity: number; components: { component: string; charge: string; listPrice: string; price: string; priceSource: string; discount: string; net: string }[]; monthly: string; oneTime: string }[];
  discounts: { line: number; discount: string; label?: unknown; amount: string; capped: boolean; reason: string }[];
  totals: { monthly: string; oneTime: string; discounts: string; term: string };
  explanation: { line: number; discount: string; label?: unknown; status: string; reason: string; because: string[] }[];
  seal: string;
}

/** The lines a quote is asked for: each chosen offering once, with its quantity (at least 1). */
export function quoteLines(chosen: readonly { offering: string; quantity: number }[]): { offering: string; quantity: number }[] {
  return chosen.filter((l) => l.offering).map((l) => ({ offering: l.offering, quantity: Math.max(1, Math.floor(l.quantity || 1)) }));
}
