import type { CompiledAllowance, CompiledComponent, CompiledDiscount, CompiledGroupTariff, CompiledOffering, CompiledTariffCatalog } from './compiled-tariff-catalog.js';
import { validOn } from './validity-period.js';
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
 * no total exceeds the price. Without a trace little is allocated (the
 * result, and a pair where a branch price applies): the simulation calls
 * this twice per subscription.
 */
export function priceLine(catalog: CompiledTariffCatalog, line: LineInput, trace?: LineTrace): LinePrice {
  const { offering, quantity } = line;
  const term = line.termMonths;
  const group = line.groupCustomer === undefined ? undefined : groupTariffOf(catalog, line, trace);
  const result: LinePrice = { monthlyFen: 0, oneTimeFen: 0, usageFen: 0, discountFen: 0, freeMonthsFen: 0, termFen: 0 };
  const components = offering.components;
  for (let index = 0; index < components.length; index++) {
    const component = components[index] as CompiledComponent;
    let price = component.fen;
    let source: PriceSource | undefined;
    const branch = overrideOf(offering, line.orgUnitPath, index, 'components');
    if (branch !== undefined) {
      price = branch.fen;
      if (trace) source = { kind: 'branch', orgUnit: branch.orgUnit };
    }
    const personal = group?.pricesFen.get(component.key);
    if (personal !== undefined) {
      price = personal;
      if (trace) source = { kind: 'group', tariff: (group as CompiledGroupTariff).key };
    }
    let off = 0;
    let cap = Infinity;
    let months = 0;
    let first: CompiledDiscount | undefined;
    for (const discount of offering.componentDiscounts[index] as readonly CompiledDiscount[]) {
      if (!decide(discount, line, first, trace)) continue;
      first ??= discount;
      if (discount.type === 'freeMonths') {
        months += discount.months;
        trace?.discounts.push({ discount, status: 'applied', fen: 0 });
        continue;
      }
      const wanted = discount.type === 'percent' ? shareOfFen(price, discount.millionths) : discount.type === 'fixed' ? Math.min(discount.fen, price) : Math.max(0, price - discount.fen);
      if (discount.capMillionths !== undefined) cap = Math.min(cap, shareOfFen(price, discount.capMillionths));
      if (discount.capFen !== undefined) cap = Math.min(cap, discount.capFen);
      const given = Math.min(wanted, Math.max(0, Math.min(cap, price) - off));
      off += given;
      trace?.discounts.push({ discount, status: given < wanted ? 'capped' : 'applied', fen: given });
    }
    const net = price - off;
    if (component.charge === 'recurring') {
      result.monthlyFen += net * quantity;
      result.discountFen += off * quantity;
      result.freeMonthsFen += Math.min(months, term) * net * quantity;
    } else {
      result.oneTimeFen += net * quantity;
    }
    trace?.components.push({ index, listFen: component.fen, priceFen: price, source: source ?? { kind: 'list' }, offFen: off });
  }
  const allowances = offering.allowances;
  for (let index = 0; index < allowances.length; index++) {
    const allowance = allowances[index] as CompiledAllowance;
    const branch = overrideOf(offering, line.orgUnitPath, index, 'allowances');
    const rate = branch === undefined ? allowance.rateFen : branch.fen;
    let extra = 0;
    let first: CompiledDiscount | undefined;
    for (const discount of offering.allowanceDiscounts[index] as readonly CompiledDiscount[]) {
      if (!decide(discount, line, first, trace)) continue;
      first ??= discount;
      extra += discount.quantity;
      trace?.discounts.push({ discount, status: 'applied', fen: 0 });
    }
    const used = line.usage?.[allowance.key] ?? 0;
    const overage = Math.max(0, used - allowance.included - extra);
    const fen = overage * rate * quantity;
    result.usageFen += fen;
    trace?.allowances.push({ index, rateFen: rate, source: branch === undefined ? { kind: 'list' } : { kind: 'branch', orgUnit: branch.orgUnit }, included: allowance.included, extra, used, overage, fen });
  }
  trace?.discounts.sort((a, b) => a.discount.order - b.discount.order);
  result.termFen = result.oneTimeFen + (result.monthlyFen + result.usageFen) * term - result.freeMonthsFen;
  return result;
}

/** Whether the discount applies, given the first one applied on the same target; records why not. */
function decide(discount: CompiledDiscount, line: LineInput, first: CompiledDiscount | undefined, trace: LineTrace | undefined): boolean {
  if (!validOn(discount, line.date)) {
    trace?.discounts.push({ discount, status: 'not-valid', fen: 0 });
    return false;
  }
  if (discount.rule >= 0 && !line.fired[discount.rule]) {
    trace?.discounts.push({ discount, status: 'not-eligible', fen: 0 });
    return false;
  }
  if (first !== undefined && (first.exclusive || discount.exclusive)) {
    trace?.discounts.push({ discount, status: 'excluded', fen: 0, excludedBy: first.key });
    return false;
  }
  return true;
}

/** The deepest org unit's amount for the component or allowance, if any. */
function overrideOf(offering: CompiledOffering, path: readonly string[], index: number, table: 'components' | 'allowances'): { fen: number; orgUnit: string } | undefined {
  if (offering.overrides.size === 0) return undefined;
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const fen = offering.overrides.get(path[depth] as string)?.[table][index];
    if (fen !== undefined) return { fen, orgUnit: path[depth] as string };
  }
  return undefined;
}

function groupTariffOf(catalog: CompiledTariffCatalog, line: LineInput, trace: LineTrace | undefined): CompiledGroupTariff | undefined {
  const tariffs = catalog.groupTariffs.get(line.groupCustomer as string);
  let applied: CompiledGroupTariff | undefined;
  for (const tariff of tariffs ?? []) {
    if (tariff.offering !== line.offering.key) continue;
    const inForce = validOn(tariff, line.date);
    const applies = tariff.status === 'approved' && inForce && applied === undefined;
    trace?.groupTariffs.push({ key: tariff.key, status: inForce ? tariff.status : 'notInForce', applied: applies });
    if (applies) applied = tariff;
  }
  return applied;
}
