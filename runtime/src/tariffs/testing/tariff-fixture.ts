import { createBuiltinOperators } from '../../rules/builtin-operators.js';
import { FactRegistry } from '../../rules/fact-registry.js';
import { rulesTestModel } from '../../rules/testing/rules-model.js';
import { checkTariffCatalog, type TariffCheckContext } from '../check-tariff-catalog.js';
import { compileTariffCatalog } from '../compile-tariff-catalog.js';
import type { CompiledTariffCatalog } from '../compiled-tariff-catalog.js';

/** Illustrative configuration for tests: figures are examples, never constants of the code. */
export const mobilePlan = {
  kind: 'offering',
  key: 'mobile_199',
  type: 'mobile',
  minimumTermMonths: 12,
  components: [
    { key: 'monthly_fee', charge: 'recurring', amount: '199.00' },
    { key: 'sim_fee', charge: 'oneTime', amount: '20.00' },
  ],
  allowances: [
    { key: 'voice', unit: 'voiceMinutes', included: 1000, overageRate: '0.15' },
    { key: 'data', unit: 'dataMB', included: 30720, overageRate: '0.03' },
  ],
};

export const broadband = {
  kind: 'offering',
  key: 'broadband_300m',
  type: 'broadband',
  components: [
    { key: 'monthly_fee', charge: 'recurring', amount: '99.00', overridable: { min: '79.00', max: '109.00' } },
    { key: 'install', charge: 'oneTime', amount: '100.00' },
  ],
};

export const iptv = { kind: 'offering', key: 'iptv_basic', type: 'iptv', components: [{ key: 'monthly_fee', charge: 'recurring', amount: '20.00' }] };

export const familyBundle = {
  kind: 'offering',
  key: 'family_bundle',
  type: 'bundle',
  includes: ['mobile_199', 'broadband_300m', 'iptv_basic'],
  components: [{ key: 'monthly_fee', charge: 'recurring', amount: '259.00' }],
};

export const loyaltyDiscount = {
  kind: 'discount',
  key: 'loyalty',
  type: 'percent',
  percent: 20,
  component: 'monthly_fee',
  stacking: 'stackable',
  priority: 20,
  eligibility: { all: [{ fact: 'since', operator: 'lessThanInclusive', value: '2023-12-01' }] },
};

export const enterprisePromotion = {
  kind: 'discount',
  key: 'enterprise_50_lines',
  type: 'percent',
  percent: 15,
  component: 'monthly_fee',
  stacking: 'stackable',
  priority: 10,
  cap: { percent: 30 },
  offerings: ['mobile_199'],
  eligibility: {
    all: [
      { fact: 'segment', operator: 'equal', value: 'enterprise' },
      { fact: 'lineCount', operator: 'greaterThanInclusive', value: 50 },
    ],
  },
};

export const chengduBroadband = { kind: 'tariffOverride', key: 'chengdu_broadband', orgUnit: 'chengdu', offering: 'broadband_300m', component: 'monthly_fee', amount: '89.00' };

export function tariffContext(): TariffCheckContext & { facts: FactRegistry } {
  return { model: rulesTestModel(), customerEntity: 'customer', operators: createBuiltinOperators(), facts: new FactRegistry() };
}

export function baseCatalog(extra: Record<string, unknown[]> = {}) {
  return {
    offerings: [mobilePlan, broadband, iptv, familyBundle, ...(extra['offerings'] ?? [])],
    discounts: [loyaltyDiscount, ...(extra['discounts'] ?? [])],
    overrides: [...(extra['overrides'] ?? [])],
  };
}

export function compiledCatalog(input: unknown): CompiledTariffCatalog {
  const context = tariffContext();
  const checked = checkTariffCatalog(input, context);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems, null, 2));
  return compileTariffCatalog(checked.value, context);
}
