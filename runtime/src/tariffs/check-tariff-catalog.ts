import { zodProblems } from '../documents/parse-documents.js';
import { failed, ok, type Checked, type Problem } from '../problems/problem.js';
import { checkConditions } from '../rules/check-conditions.js';
import { checkContradictions } from '../rules/check-contradictions.js';
import type { OperatorRegistry } from '../rules/operator-registry.js';
import { checkNamedConditions, parseNamedConditions } from '../rules/named-conditions.js';
import { parseTopCondition } from '../rules/parse-conditions.js';
import type { TopCondition } from '../rules/rule-set.document.js';
import { checkDiscounts } from './check-discounts.js';
import { checkOfferings } from './check-offerings.js';
import { checkOverrides, type PlacedOverride } from './check-overrides.js';
import { quoteFactCatalog, type QuoteFactsContext } from './quote-facts.js';
import { tariffCatalogSchema, type TariffCatalogDocument } from './tariff-catalog.document.js';

export interface TariffCheckContext extends QuoteFactsContext {
  readonly operators: OperatorRegistry;
  /** The branches' own overrides, from their layers: checked like the catalog's, reported at `layers[<unit>].tariffOverrides[<key>]`. */
  readonly layerOverrides?: readonly PlacedOverride[];
}

/** A catalog that passed every check, with the eligibility conditions of discounts and offerings parsed. */
export interface CheckedTariffCatalog {
  readonly document: TariffCatalogDocument;
  /** By discount key. */
  readonly eligibility: ReadonlyMap<string, TopCondition>;
  /** Who may order each offering, by offering key. */
  readonly orderable: ReadonlyMap<string, TopCondition>;
  /** Named conditions, by name. */
  readonly conditions: Readonly<Record<string, TopCondition>>;
}

/**
 * Checks a tariff catalog at plan time: shapes (amounts exact to the fen,
 * dates, percentages), then offerings (keys, bands, bundles, validity, who
 * may order them),
 * discounts (targets, eligibility conditions as rules are checked,
 * overlapping exclusive discounts) and the lower layers'
 * overrides (overridable, within the band). Every problem at once.
 */
export function checkTariffCatalog(input: unknown, context: TariffCheckContext): Checked<CheckedTariffCatalog> {
  const shape = tariffCatalogSchema.safeParse(input);
  if (!shape.success) return failed(zodProblems(shape.error, input));
  const placed = [...shape.data.overrides.map((override) => ({ override, path: `overrides[${override.key}]` })), ...(context.layerOverrides ?? [])];
  // The compiled catalog prices from every override, wherever it was written.
  const document = { ...shape.data, overrides: placed.map((p) => p.override) };
  const problems: Problem[] = [];
  const named = parseNamedConditions(document.conditions, problems);
  const eligibility = new Map<string, TopCondition>();
  for (const discount of document.discounts) {
    if (discount.eligibility === undefined) continue;
    const parsed = parseTopCondition(discount.eligibility, `discounts[${discount.key}].eligibility`, problems);
    if (parsed) eligibility.set(discount.key, parsed);
  }
  const orderable = new Map<string, TopCondition>();
  for (const offering of document.offerings) {
    if (offering.eligibility === undefined) continue;
    const parsed = parseTopCondition(offering.eligibility, `offerings[${offering.key}].eligibility`, problems);
    if (parsed) orderable.set(offering.key, parsed);
  }
  if (problems.length) return failed(problems);

  const offerings = new Map(document.offerings.map((offering) => [offering.key, offering]));
  const conditions = { facts: quoteFactCatalog(context), operators: context.operators, conditionNames: new Set(Object.keys(named)) };
  problems.push(...checkNamedConditions(named, conditions));
  problems.push(...checkOfferings(document.offerings), ...checkDiscounts(document.discounts, eligibility, offerings, conditions), ...checkOverrides(placed, offerings));
  for (const [key, condition] of orderable) {
    checkConditions(condition, `offerings[${key}].eligibility`, conditions, problems);
    checkContradictions(condition, `offerings[${key}].eligibility`, problems);
  }
  return problems.length ? failed(problems) : ok({ document, eligibility, orderable, conditions: named });
}
