/**
 * The benchmark's catalog and customers: illustrative figures (a provincial
 * operator's plans and promotions), the same for every engine compared.
 */
import { compileModel } from '../src/compile/compile-model.js';
import { createBuiltinRegistry } from '../src/field-types/builtin-field-types.js';
import { createBuiltinOperators } from '../src/rules/builtin-operators.js';
import { FactRegistry } from '../src/rules/fact-registry.js';
import { checkTariffCatalog } from '../src/tariffs/check-tariff-catalog.js';
import { compileTariffCatalog } from '../src/tariffs/compile-tariff-catalog.js';
import type { CompiledTariffCatalog } from '../src/tariffs/compiled-tariff-catalog.js';

const offerings = [
  {
    kind: 'offering', key: 'mobile_199', type: 'mobile', minimumTermMonths: 12,
    components: [{ key: 'monthly_fee', charge: 'recurring', amount: '199.00' }, { key: 'sim_fee', charge: 'oneTime', amount: '20.00' }],
    allowances: [{ key: 'voice', unit: 'voiceMinutes', included: 1000, overageRate: '0.15' }, { key: 'data', unit: 'dataMB', included: 30720, overageRate: '0.03' }],
  },
  {
    kind: 'offering', key: 'broadband_300m', type: 'broadband',
    components: [{ key: 'monthly_fee', charge: 'recurring', amount: '99.00', overridable: { min: '79.00', max: '109.00' } }, { key: 'install', charge: 'oneTime', amount: '100.00' }],
  },
  { kind: 'offering', key: 'iptv_basic', type: 'iptv', components: [{ key: 'monthly_fee', charge: 'recurring', amount: '20.00' }] },
];

export const staffPrice = { kind: 'discount', key: 'staff_price', type: 'priceOverride', amount: '99.00', component: 'monthly_fee', stacking: 'exclusive', priority: 50, offerings: ['mobile_199'], eligibility: { all: [{ fact: 'segment', operator: 'equal', value: 'staff' }] } };
export const loyalty = { kind: 'discount', key: 'loyalty', type: 'percent', percent: 20, component: 'monthly_fee', stacking: 'stackable', priority: 20, eligibility: { all: [{ fact: 'since', operator: 'lessThanInclusive', value: '2023-12-01' }, { fact: 'creditClass', operator: 'in', value: ['A', 'B'] }] } };
export const enterprisePromotion = { kind: 'discount', key: 'enterprise_50_lines', type: 'percent', percent: 15, component: 'monthly_fee', stacking: 'stackable', priority: 10, cap: { percent: 30 }, offerings: ['mobile_199'], eligibility: { all: [{ fact: 'segment', operator: 'equal', value: 'enterprise' }, { fact: 'lineCount', operator: 'greaterThanInclusive', value: 50 }] } };
export const newcomer = { kind: 'discount', key: 'broadband_newcomer', type: 'fixed', amount: '10.00', component: 'monthly_fee', stacking: 'stackable', priority: 5, offerings: ['broadband_300m'], eligibility: { any: [{ fact: 'since', operator: 'greaterThan', value: '2026-06-01' }, { not: { fact: 'tags', operator: 'contains', value: 'loyal' } }] } };
export const vipData = { kind: 'discount', key: 'vip_data', type: 'freeAllowance', allowance: 'data', quantity: 10240, stacking: 'stackable', priority: 1, eligibility: { all: [{ fact: 'tags', operator: 'contains', value: 'vip' }] } };
const chengdu = { kind: 'tariffOverride', key: 'chengdu_broadband', orgUnit: 'chengdu', offering: 'broadband_300m', component: 'monthly_fee', amount: '89.00' };

export const currentCatalogDocument = { offerings, discounts: [staffPrice, loyalty, newcomer, vipData], overrides: [chengdu] };
export const draftCatalogDocument = { offerings, discounts: [staffPrice, loyalty, enterprisePromotion, newcomer, vipData], overrides: [chengdu] };

export function benchCatalog(document: unknown, generate = true): CompiledTariffCatalog {
  const model = compileModel(
    {
      entities: [
        {
          kind: 'entity', key: 'customer', name: 'Customer',
          fields: [
            { key: 'segment', name: 'segment', type: 'picklist', options: [{ value: 'enterprise' }, { value: 'personal' }, { value: 'staff' }] },
            { key: 'line_count', name: 'lineCount', type: 'integer' },
            { key: 'since', name: 'since', type: 'date' },
            { key: 'credit_class', name: 'creditClass', type: 'text' },
            { key: 'tags', name: 'tags', type: 'multiPicklist', options: [{ value: 'vip' }, { value: 'loyal' }] },
          ],
        },
      ],
    },
    createBuiltinRegistry(),
  );
  if (!model.ok) throw new Error(JSON.stringify(model.problems));
  const context = { model: model.value, customerEntity: 'customer', operators: createBuiltinOperators(), facts: new FactRegistry() };
  const checked = checkTariffCatalog(document, context);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return compileTariffCatalog(checked.value, { ...context, generate });
}

export const CITIES = ['chengdu', 'mianyang', 'deyang', 'yibin', 'nanchong', 'leshan', 'luzhou', 'dazhou', 'zigong', 'suining', 'neijiang'];

export interface BenchCustomer {
  readonly id: string;
  readonly city: string;
  readonly facts: { segment: string; lineCount: number; since: string; creditClass: string; tags: string[] };
}

/** Customers drawn from a seeded generator (mulberry32): the same set on every run. */
export function benchCustomers(count: number, seed = 7): BenchCustomer[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, (_, index) => {
    const roll = random();
    const segment = roll < 0.02 ? 'staff' : roll < 0.25 ? 'enterprise' : 'personal';
    const year = 2015 + Math.floor(random() * 12);
    const tags = [...(random() < 0.1 ? ['vip'] : []), ...(random() < 0.4 ? ['loyal'] : [])];
    return {
      id: `c${index}`,
      city: CITIES[Math.floor(random() * CITIES.length)] as string,
      facts: { segment, lineCount: segment === 'enterprise' ? Math.floor(random() * 120) : 1, since: `${year}-0${1 + Math.floor(random() * 9)}-15`, creditClass: 'ABCD'[Math.floor(random() * 4)] as string, tags },
    };
  });
}
