import type { RuleRunError } from '../rules/rule-run.js';
import type { CompiledOffering, CompiledTariffCatalog } from '../tariffs/compiled-tariff-catalog.js';
import { fenText } from '../tariffs/money-fen.js';
import { priceLine } from '../tariffs/price-line.js';
import { quoteLineFacts } from '../tariffs/quote-facts.js';

/** One subscription with a month of usage, as billing (BOSS) summarises it. */
export interface SimulatedSubscription {
  readonly customer: string;
  readonly offering: string;
  /** The region revenue is reported by. */
  readonly region: string;
  readonly orgUnitPath: readonly string[];
  readonly quantity?: number;
  /**
   * The customer's lines on this offering, which eligibility reads as the
   * quantity ("50 lines or more"), while the subscription bills its own
   * quantity; its quantity when absent.
   */
  readonly lines?: number;
  readonly groupCustomer?: string;
  /** The customer's fields for eligibility; share one object between a customer's subscriptions. */
  readonly customerFacts: Readonly<Record<string, unknown>>;
  /** The month's usage by allowance key. */
  readonly usage?: Readonly<Record<string, number>>;
}

export interface SimulationInput {
  readonly current: CompiledTariffCatalog;
  readonly draft: CompiledTariffCatalog;
  readonly subscriptions: Iterable<SimulatedSubscription>;
  /** The billing day prices and validity are read for. */
  readonly date: string;
  /** How many customers with the largest bill change to list; 20 by default. */
  readonly top?: number;
}

export interface RevenueRow {
  readonly key: string;
  readonly subscriptions: number;
  readonly current: string;
  readonly draft: string;
  readonly change: string;
}

export interface SimulationResult {
  readonly subscriptions: number;
  readonly current: string;
  readonly draft: string;
  readonly change: string;
  readonly byOffering: readonly RevenueRow[];
  readonly byRegion: readonly RevenueRow[];
  /** Customers whose monthly bill changes most (by absolute change), largest first. */
  readonly topChanges: readonly { readonly customer: string; readonly current: string; readonly draft: string; readonly change: string }[];
  /** Subscriptions whose offering a catalog lacks (a draft withdrawing it): they count as 0 on that side. */
  readonly unpriced: { readonly current: number; readonly draft: number };
  /** Subscriptions whose rules failed at run time on either side: left out of every figure, the first 100 errors listed. */
  readonly failed: number;
  readonly errors: readonly (RuleRunError & { readonly customer: string; readonly side: 'current' | 'draft' })[];
}

interface Totals {
  subscriptions: number;
  current: number;
  draft: number;
}

/**
 * Prices a month of every subscription under the current and the draft
 * catalog and adds the bills up by offering, by region and by customer.
 * A monthly bill is the recurring charges after discounts plus the month's
 * usage beyond the allowances (one-time fees and free months belong to new
 * orders, not to a running month). Pure and single-pass: eligibility runs
 * through the compiled rules' bulk path and prices in whole fen, so a
 * million subscriptions take seconds on one core. A subscription whose
 * rules fail is left out of every figure (its bill is unknown, not 0) and
 * reported; the rest goes on.
 */
export function simulateTariff(input: SimulationInput): SimulationResult {
  const simulation = new TariffSimulation(input);
  for (const subscription of input.subscriptions) simulation.add(subscription);
  return simulation.result();
}

/**
 * The same, one subscription at a time: a reader that pages through live
 * records adds each page and keeps nothing but the totals.
 */
export class TariffSimulation {
  readonly #byOffering = new Map<string, Totals>();
  readonly #byRegion = new Map<string, Totals>();
  readonly #byCustomer = new Map<string, { current: number; draft: number }>();
  readonly #all: Totals = { subscriptions: 0, current: 0, draft: 0 };
  readonly #unpriced = { current: 0, draft: 0 };
  #failed = 0;
  readonly #errors: SimulationResult['errors'][number][] = [];
  readonly #firedCurrent: Uint8Array;
  readonly #firedDraft: Uint8Array;

  constructor(private readonly input: Omit<SimulationInput, 'subscriptions'>) {
    this.#firedCurrent = new Uint8Array(input.current.eligibility.keys.length);
    this.#firedDraft = new Uint8Array(input.draft.eligibility.keys.length);
  }

  add(subscription: SimulatedSubscription): void {
    const current = bill(this.input.current, subscription, this.input.date, this.#firedCurrent);
    const draft = bill(this.input.draft, subscription, this.input.date, this.#firedDraft);
    if (typeof current === 'object' || typeof draft === 'object') {
      this.#failed++;
      for (const [side, outcome] of [['current', current], ['draft', draft]] as const) {
        if (typeof outcome === 'object' && this.#errors.length < 100) this.#errors.push({ ...outcome, customer: subscription.customer, side });
      }
      return;
    }
    if (current === undefined) this.#unpriced.current++;
    if (draft === undefined) this.#unpriced.draft++;
    const currentFen = typeof current === 'number' ? current : 0;
    const draftFen = typeof draft === 'number' ? draft : 0;
    add(this.#all, currentFen, draftFen);
    add(totalsOf(this.#byOffering, subscription.offering), currentFen, draftFen);
    add(totalsOf(this.#byRegion, subscription.region), currentFen, draftFen);
    const customer = this.#byCustomer.get(subscription.customer);
    if (customer) {
      customer.current += currentFen;
      customer.draft += draftFen;
    } else {
      this.#byCustomer.set(subscription.customer, { current: currentFen, draft: draftFen });
    }
  }

  result(): SimulationResult {
    return {
      subscriptions: this.#all.subscriptions,
      current: fenText(this.#all.current),
      draft: fenText(this.#all.draft),
      change: fenText(this.#all.draft - this.#all.current),
      byOffering: rows(this.#byOffering),
      byRegion: rows(this.#byRegion),
      topChanges: topChanges(this.#byCustomer, this.input.top ?? 20),
      unpriced: { ...this.#unpriced },
      failed: this.#failed,
      errors: [...this.#errors],
    };
  }
}

/** The month's bill in fen; undefined when the catalog lacks the offering; the error when a rule failed. */
function bill(catalog: CompiledTariffCatalog, subscription: SimulatedSubscription, date: string, fired: Uint8Array): number | RuleRunError | undefined {
  const offering: CompiledOffering | undefined = catalog.offerings.get(subscription.offering);
  if (!offering) return undefined;
  const quantity = subscription.quantity ?? 1;
  if (fired.length) {
    const facts = quoteLineFacts({ offering, quantity: subscription.lines ?? quantity, orgUnitPath: subscription.orgUnitPath, termMonths: offering.minimumTermMonths || 1, date, groupCustomer: subscription.groupCustomer });
    const error = catalog.eligibility.fire(facts, fired, subscription.customerFacts);
    if (error) return error;
  }
  const price = priceLine(catalog, {
    offering,
    quantity,
    ...(subscription.usage ? { usage: subscription.usage } : {}),
    orgUnitPath: subscription.orgUnitPath,
    ...(subscription.groupCustomer === undefined ? {} : { groupCustomer: subscription.groupCustomer }),
    date,
    termMonths: 1,
    fired,
  });
  return price.monthlyFen + price.usageFen;
}

function totalsOf(map: Map<string, Totals>, key: string): Totals {
  let totals = map.get(key);
  if (!totals) map.set(key, (totals = { subscriptions: 0, current: 0, draft: 0 }));
  return totals;
}

function add(totals: Totals, current: number, draft: number): void {
  totals.subscriptions++;
  totals.current += current;
  totals.draft += draft;
}

function rows(map: Map<string, Totals>): RevenueRow[] {
  return [...map]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, totals]) => ({ key, subscriptions: totals.subscriptions, current: fenText(totals.current), draft: fenText(totals.draft), change: fenText(totals.draft - totals.current) }));
}

function topChanges(byCustomer: Map<string, { current: number; draft: number }>, top: number): SimulationResult['topChanges'] {
  const changed: [string, { current: number; draft: number }][] = [];
  for (const entry of byCustomer) if (entry[1].draft !== entry[1].current) changed.push(entry);
  changed.sort(([a, x], [b, y]) => Math.abs(y.draft - y.current) - Math.abs(x.draft - x.current) || (a < b ? -1 : 1));
  return changed.slice(0, top).map(([customer, bill]) => ({ customer, current: fenText(bill.current), draft: fenText(bill.draft), change: fenText(bill.draft - bill.current) }));
}
