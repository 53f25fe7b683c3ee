import { hashOf } from '../model/model-hash.js';
import { compileRules, type RuleSource } from '../rules/compile-rules.js';
import type { FactRegistry } from '../rules/fact-registry.js';
import { factsReadBy } from '../rules/walk-conditions.js';
import type { OperatorRegistry } from '../rules/operator-registry.js';
import type { CheckedTariffCatalog } from './check-tariff-catalog.js';
import type { CompiledAllowance, CompiledDiscount, CompiledOffering, CompiledTariffCatalog, OrgUnitOverrides } from './compiled-tariff-catalog.js';
import type { DiscountDocument } from './discount.document.js';
import { toFen, toMillionths } from './money-fen.js';
import type { OfferingDocument } from './offering.document.js';
import type { TariffOverrideDocument } from './tariff-override.document.js';

export interface TariffCompileOptions {
  readonly operators: OperatorRegistry;
  readonly facts: FactRegistry;
  /** Generated code for eligibility in bulk (servers, simulations); closures otherwise (see `compileRules`). */
  readonly generate?: boolean;
}

/**
 * Compiles a checked catalog: amounts to fen, discounts attached to the
 * offerings they can apply to (sorted once, by priority), every
 * discount's eligibility compiled into one rule set (one run per quote
 * line decides all of them), overrides indexed by offering and org unit.
 */
export function compileTariffCatalog(checked: CheckedTariffCatalog, options: TariffCompileOptions): CompiledTariffCatalog {
  const { document } = checked;
  const byKey = new Map(document.offerings.map((offering) => [offering.key, offering]));
  const rules: RuleSource[] = [];
  const ruleIndex = new Map<string, number>();
  for (const discount of document.discounts) {
    const conditions = checked.eligibility.get(discount.key);
    if (!conditions) continue;
    ruleIndex.set(discount.key, rules.length);
    rules.push({ key: discount.key, conditions, event: { type: 'eligible', params: { discount: discount.key } } });
  }
  // Rules keep document order (one priority): the catalog orders discounts itself.
  // A quote may be for a prospective customer: a field nobody filled in reads as undefined, and its conditions fail.
  const eligibility = compileRules(rules, { operators: options.operators, facts: options.facts, conditions: checked.conditions, pathOf: (key) => `discounts[${key}].eligibility`, allowUndefinedFacts: true, generate: options.generate ?? false });
  const orderRules: RuleSource[] = [...checked.orderable].map(([key, conditions]) => ({ key, conditions, event: { type: 'orderable', params: { offering: key } } }));
  const orderable = compileRules(orderRules, { operators: options.operators, facts: options.facts, conditions: checked.conditions, pathOf: (key) => `offerings[${key}].eligibility`, allowUndefinedFacts: true });
  const orderIndex = new Map(orderRules.map((rule, index) => [rule.key, index]));
  const ordered = document.discounts.map((discount, index) => ({ discount, index })).sort((a, b) => b.discount.priority - a.discount.priority || a.index - b.index).map(({ discount }) => discount);
  const offerings = new Map<string, CompiledOffering>();
  for (const offering of document.offerings) offerings.set(offering.key, { ...compileOffering(offering, byKey, ordered, ruleIndex, document.overrides), orderRule: orderIndex.get(offering.key) ?? -1 });
  const conditions = [...checked.eligibility.values(), ...checked.orderable.values(), ...Object.values(checked.conditions)];
  return Object.freeze({
    hash: hashOf(document),
    factsRead: new Set(conditions.flatMap((condition) => [...factsReadBy(condition)])),
    offerings,
    eligibility,
    orderable,
    // Group tariffs are records: a quote puts the group's approved ones in (`withGroupTariffs`).
    groupTariffs: new Map(),
  });
}

function compileOffering(
  offering: OfferingDocument,
  byKey: ReadonlyMap<string, OfferingDocument>,
  discounts: readonly DiscountDocument[],
  ruleIndex: ReadonlyMap<string, number>,
  overrides: readonly TariffOverrideDocument[],
): Omit<CompiledOffering, 'orderRule'> {
  const members = (offering.includes ?? []).map((key) => byKey.get(key)).filter((member): member is OfferingDocument => member !== undefined);
  const allowances: CompiledAllowance[] = [offering, ...members].flatMap((source) =>
    (source.allowances ?? []).map((allowance) => ({ key: allowance.key, unit: allowance.unit, included: allowance.included, rateFen: toFen(allowance.overageRate), from: source.key })),
  );
  const compiled: CompiledDiscount[] = [];
  for (const discount of discounts) {
    if (discount.offerings && !discount.offerings.includes(offering.key)) continue;
    const targetsAllowance = discount.type === 'freeAllowance';
    const target = targetsAllowance ? allowances.findIndex((a) => a.key === discount.allowance) : offering.components.findIndex((c) => c.key === discount.component);
    if (target < 0) continue;
    const cap = 'cap' in discount ? discount.cap : undefined;
    compiled.push({
      key: discount.key,
      order: compiled.length,
      document: discount,
      type: discount.type,
      priority: discount.priority,
      exclusive: discount.stacking === 'exclusive',
      target,
      targetsAllowance,
      millionths: discount.type === 'percent' ? toMillionths(discount.percent) : 0,
      fen: discount.type === 'fixed' || discount.type === 'priceOverride' ? toFen(discount.amount) : 0,
      months: discount.type === 'freeMonths' ? discount.months : 0,
      quantity: discount.type === 'freeAllowance' ? discount.quantity : 0,
      ...(cap?.percent === undefined ? {} : { capMillionths: toMillionths(cap.percent) }),
      ...(cap?.amount === undefined ? {} : { capFen: toFen(cap.amount) }),
      rule: ruleIndex.get(discount.key) ?? -1,
      ...(discount.validFrom ? { validFrom: discount.validFrom } : {}),
      ...(discount.validTo ? { validTo: discount.validTo } : {}),
    });
  }
  return {
    key: offering.key,
    type: offering.type,
    document: offering,
    ...(offering.validFrom ? { validFrom: offering.validFrom } : {}),
    ...(offering.validTo ? { validTo: offering.validTo } : {}),
    minimumTermMonths: offering.minimumTermMonths ?? 0,
    components: offering.components.map((component) => ({ key: component.key, charge: component.charge, fen: toFen(component.amount), ...(component.overridable ? { band: component.overridable } : {}) })),
    allowances,
    discounts: compiled,
    componentDiscounts: offering.components.map((_, index) => compiled.filter((d) => !d.targetsAllowance && d.target === index)),
    allowanceDiscounts: allowances.map((_, index) => compiled.filter((d) => d.targetsAllowance && d.target === index)),
    overrides: overridesOf(offering, overrides),
  };
}

function overridesOf(offering: OfferingDocument, overrides: readonly TariffOverrideDocument[]): Map<string, OrgUnitOverrides> {
  const byUnit = new Map<string, { components: (number | undefined)[]; allowances: (number | undefined)[] }>();
  for (const override of overrides) {
    if (override.offering !== offering.key) continue;
    const unit = byUnit.get(override.orgUnit) ?? { components: offering.components.map(() => undefined), allowances: (offering.allowances ?? []).map(() => undefined) };
    byUnit.set(override.orgUnit, unit);
    if (override.component !== undefined) unit.components[offering.components.findIndex((c) => c.key === override.component)] = toFen(override.amount);
    else unit.allowances[(offering.allowances ?? []).findIndex((a) => a.key === override.allowance)] = toFen(override.amount);
  }
  return byUnit;
}

