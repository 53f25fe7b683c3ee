import { compileRules, type RuleSource } from '../rules/compile-rules.js';
import type { FactRegistry } from '../rules/fact-registry.js';
import type { OperatorRegistry } from '../rules/operator-registry.js';
import type { CheckedTariffCatalog } from './check-tariff-catalog.js';
import type { CompiledAllowance, CompiledDiscount, CompiledGroupTariff, CompiledOffering, CompiledTariffCatalog, OrgUnitOverrides } from './compiled-tariff-catalog.js';
import type { DiscountDocument } from './discount.document.js';
import type { GroupTariffDocument } from './group-tariff.document.js';
import { toFen, toMillionths } from './money-fen.js';
import type { OfferingDocument } from './offering.document.js';

export interface TariffCompileOptions {
  readonly operators: OperatorRegistry;
  readonly facts: FactRegistry;
}

/**
 * Compiles a checked catalog: amounts to fen, discounts attached to the
 * offerings they can apply to (sorted once, by priority), every
 * discount's eligibility compiled into one rule set (one run per quote
 * line decides all of them), overrides indexed by org unit.
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
  const eligibility = compileRules(rules, { operators: options.operators, facts: options.facts, pathOf: (key) => `discounts[${key}].eligibility`, allowUndefinedFacts: true });
  const ordered = document.discounts.map((discount, index) => ({ discount, index })).sort((a, b) => b.discount.priority - a.discount.priority || a.index - b.index).map(({ discount }) => discount);
  const offerings = new Map<string, CompiledOffering>();
  for (const offering of document.offerings) offerings.set(offering.key, compileOffering(offering, byKey, ordered, ruleIndex));
  return Object.freeze({
    offerings,
    eligibility,
    overrides: indexOverrides(document.overrides, byKey),
    groupTariffs: groupTariffsByCustomer(document.groupTariffs),
  });
}

function compileOffering(offering: OfferingDocument, byKey: ReadonlyMap<string, OfferingDocument>, discounts: readonly DiscountDocument[], ruleIndex: ReadonlyMap<string, number>): CompiledOffering {
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
  };
}

function indexOverrides(overrides: CheckedTariffCatalog['document']['overrides'], byKey: ReadonlyMap<string, OfferingDocument>): Map<string, OrgUnitOverrides> {
  const index = new Map<string, { components: Map<string, Map<number, number>>; allowances: Map<string, Map<number, number>> }>();
  for (const override of overrides) {
    const offering = byKey.get(override.offering);
    if (!offering) continue;
    const unit = index.get(override.orgUnit) ?? { components: new Map(), allowances: new Map() };
    index.set(override.orgUnit, unit);
    const isComponent = override.component !== undefined;
    const position = isComponent ? offering.components.findIndex((c) => c.key === override.component) : (offering.allowances ?? []).findIndex((a) => a.key === override.allowance);
    const table = isComponent ? unit.components : unit.allowances;
    const amounts = table.get(offering.key) ?? new Map<number, number>();
    table.set(offering.key, amounts.set(position, toFen(override.amount)));
  }
  return index;
}

function groupTariffsByCustomer(tariffs: readonly GroupTariffDocument[]): Map<string, CompiledGroupTariff[]> {
  const groups = new Map<string, CompiledGroupTariff[]>();
  for (const tariff of tariffs) {
    const compiled: CompiledGroupTariff = {
      key: tariff.key,
      offering: tariff.offering,
      status: tariff.status,
      ...(tariff.validFrom ? { validFrom: tariff.validFrom } : {}),
      ...(tariff.validTo ? { validTo: tariff.validTo } : {}),
      pricesFen: new Map(Object.entries(tariff.prices).map(([component, amount]) => [component, toFen(amount)])),
    };
    groups.set(tariff.groupCustomer, [...(groups.get(tariff.groupCustomer) ?? []), compiled]);
  }
  return groups;
}
