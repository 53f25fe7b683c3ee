import type { CompiledDiscount, CompiledOffering, CompiledTariffCatalog } from './compiled-tariff-catalog.js';
import { shareOfFen } from './money-fen.js';

/** One line to price: an offering, how many, expected usage, where and for whom. */
export interface LineInput {
  readonly offering: CompiledOffering;
  readonly quantity: number;
  /** Expected monthly usage per line, by allowance key. */
  readonly usage?: Readonly<Record<string, number>>;
  /** The org unit's path from the top (HQ first); the deepest override wins. */
  readonly orgUnitPath: readonly string[];
  readonly groupCustomer?: string;
  readonly date: string;
  readonly termMonths: number;
  /** Eligibility by rule index (the catalog's eligibility rules). */
  readonly fired: ArrayLike<boolean | number>;
}

/** Whole fen. Monthly figures are for all `quantity` lines. */
export interface LinePrice {
  monthlyFen: number;
  oneTimeFen: number;
  usageFen: number;
  discountFen: number;
  freeMonthsFen: number;
  termFen: number;
}

export type PriceSource = { kind: 'list' } | { kind: 'branch'; orgUnit: string } | { kind: 'group'; tariff: string };

export type DiscountStatus = 'applied' | 'capped' | 'not-eligible' | 'not-valid' | 'excluded';

/** What `quote` shows; the simulation prices without it. */
export interface LineTrace {
  components: { index: number; listFen: number; priceFen: number; source: PriceSource; offFen: number }[];
  allowances: { index: number; rateFen: number; source: PriceSource; included: number; extra: number; used: number; overage: number; fen: number }[];
  discounts: { discount: CompiledDiscount; status: DiscountStatus; fen: number; excludedBy?: string }[];
  groupTariffs: { key: string; status: string; applied: boolean }[];
}

/**
 * Prices one line. Order: list price → the deepest org unit's override →
 * an approved group tariff valid on the date; then discounts by priority.
 * Per component (or allowance), the first eligible discount decides: if it
 * is exclusive it applies alone, otherwise every stackable one applies
 * and exclusive ones are left out. Percentages are of the price before
 * discounts and add up; a cap limits what each discount adds to the
 * component's total (the lowest cap of those applied so far holds), and
 * no total exceeds the price. Allocation-light: the simulation calls this
 * once per subscription and catalog.
 */
export function priceLine(catalog: CompiledTariffCatalog, line: LineInput, trace?: LineTrace): LinePrice {
  const { offering } = line;
  const components = offering.components;
  const prices = new Array<number>(components.length);
  const sources: PriceSource[] | undefined = trace ? [] : undefined;
  for (let index = 0; index < components.length; index++) {
    prices[index] = (components[index] as { fen: number }).fen;
    sources?.push({ kind: 'list' });
  }
  applyOverrides(catalog, line, prices, 'components', sources);
  applyGroupTariff(catalog, line, prices, sources, trace);
  const rates = offering.allowances.map((allowance) => allowance.rateFen);
  const rateSources: PriceSource[] | undefined = trace ? rates.map(() => ({ kind: 'list' })) : undefined;
  applyOverrides(catalog, line, rates, 'allowances', rateSources);

  const off = new Array<number>(components.length).fill(0);
  const caps = new Array<number>(components.length).fill(Infinity);
  const freeMonths = new Array<number>(components.length).fill(0);
  const extra = new Array<number>(offering.allowances.length).fill(0);
  const decidedComponent = new Array<CompiledDiscount | undefined>(components.length);
  const decidedAllowance = new Array<CompiledDiscount | undefined>(offering.allowances.length);
  for (const discount of offering.discounts) {
    if ((discount.validFrom !== undefined && line.date < discount.validFrom) || (discount.validTo !== undefined && line.date > discount.validTo)) {
      trace?.discounts.push({ discount, status: 'not-valid', fen: 0 });
      continue;
    }
    if (discount.rule >= 0 && !line.fired[discount.rule]) {
      trace?.discounts.push({ discount, status: 'not-eligible', fen: 0 });
      continue;
    }
    const decided = discount.targetsAllowance ? decidedAllowance : decidedComponent;
    const first = decided[discount.target];
    if (first === undefined) decided[discount.target] = discount;
    else if (first.exclusive || discount.exclusive) {
      trace?.discounts.push({ discount, status: 'excluded', fen: 0, excludedBy: first.key });
      continue;
    }
    const target = discount.target;
    if (discount.targetsAllowance) {
      extra[target] = (extra[target] as number) + discount.quantity;
      trace?.discounts.push({ discount, status: 'applied', fen: 0 });
      continue;
    }
    const price = prices[target] as number;
    if (discount.type === 'freeMonths') {
      freeMonths[target] = (freeMonths[target] as number) + discount.months;
      trace?.discounts.push({ discount, status: 'applied', fen: 0 });
      continue;
    }
    const wanted = discount.type === 'percent' ? shareOfFen(price, discount.millionths) : discount.type === 'fixed' ? Math.min(discount.fen, price) : Math.max(0, price - discount.fen);
    let cap = caps[target] as number;
    if (discount.capMillionths !== undefined) cap = Math.min(cap, shareOfFen(price, discount.capMillionths));
    if (discount.capFen !== undefined) cap = Math.min(cap, discount.capFen);
    caps[target] = cap;
    const room = Math.max(0, Math.min(cap, price) - (off[target] as number));
    const given = Math.min(wanted, room);
    off[target] = (off[target] as number) + given;
    trace?.discounts.push({ discount, status: given < wanted ? 'capped' : 'applied', fen: given });
  }

  const quantity = line.quantity;
  const term = line.termMonths;
  const result: LinePrice = { monthlyFen: 0, oneTimeFen: 0, usageFen: 0, discountFen: 0, freeMonthsFen: 0, termFen: 0 };
  for (let index = 0; index < components.length; index++) {
    const net = (prices[index] as number) - (off[index] as number);
    if ((components[index] as { charge: string }).charge === 'recurring') {
      result.monthlyFen += net * quantity;
      result.discountFen += (off[index] as number) * quantity;
      result.freeMonthsFen += Math.min(freeMonths[index] as number, term) * net * quantity;
    } else {
      result.oneTimeFen += net * quantity;
    }
    trace?.components.push({ index, listFen: (components[index] as { fen: number }).fen, priceFen: prices[index] as number, source: sources?.[index] ?? { kind: 'list' }, offFen: off[index] as number });
  }
  offering.allowances.forEach((allowance, index) => {
    const used = line.usage?.[allowance.key] ?? 0;
    const overage = Math.max(0, used - allowance.included - (extra[index] as number));
    const fen = overage * (rates[index] as number) * quantity;
    result.usageFen += fen;
    trace?.allowances.push({ index, rateFen: rates[index] as number, source: rateSources?.[index] ?? { kind: 'list' }, included: allowance.included, extra: extra[index] as number, used, overage, fen });
  });
  result.termFen = result.oneTimeFen + (result.monthlyFen + result.usageFen) * term - result.freeMonthsFen;
  return result;
}

function applyOverrides(catalog: CompiledTariffCatalog, line: LineInput, amounts: number[], table: 'components' | 'allowances', sources: PriceSource[] | undefined): void {
  if (catalog.overrides.size === 0) return;
  const decided = new Array<boolean>(amounts.length).fill(false);
  for (let depth = line.orgUnitPath.length - 1; depth >= 0; depth--) {
    const orgUnit = line.orgUnitPath[depth] as string;
    const overridden = catalog.overrides.get(orgUnit)?.[table].get(line.offering.key);
    if (!overridden) continue;
    for (const [index, fen] of overridden) {
      if (decided[index] || index >= amounts.length) continue;
      decided[index] = true;
      amounts[index] = fen;
      if (sources) sources[index] = { kind: 'branch', orgUnit };
    }
  }
}

function applyGroupTariff(catalog: CompiledTariffCatalog, line: LineInput, prices: number[], sources: PriceSource[] | undefined, trace: LineTrace | undefined): void {
  if (line.groupCustomer === undefined) return;
  const tariffs = catalog.groupTariffs.get(line.groupCustomer);
  if (!tariffs) return;
  for (const tariff of tariffs) {
    if (tariff.offering !== line.offering.key) continue;
    const inForce = (tariff.validFrom === undefined || line.date >= tariff.validFrom) && (tariff.validTo === undefined || line.date <= tariff.validTo);
    const applied = tariff.status === 'approved' && inForce;
    trace?.groupTariffs.push({ key: tariff.key, status: inForce ? tariff.status : 'notInForce', applied });
    if (!applied) continue;
    line.offering.components.forEach((component, index) => {
      const price = tariff.pricesFen.get(component.key);
      if (price === undefined) return;
      prices[index] = price;
      if (sources) sources[index] = { kind: 'group', tariff: tariff.key };
    });
  }
}
