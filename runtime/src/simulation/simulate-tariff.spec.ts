import { describe, expect, it } from 'vitest';
import { FactRegistry, type FactReader } from '../rules/fact-registry.js';
import { checkTariffCatalog } from '../tariffs/check-tariff-catalog.js';
import { compileTariffCatalog } from '../tariffs/compile-tariff-catalog.js';
import { baseCatalog, chengduBroadband, compiledCatalog, enterprisePromotion, tariffContext } from '../tariffs/testing/tariff-fixture.js';
import { simulateTariff, TariffSimulation, type SimulatedSubscription } from './simulate-tariff.js';

const bigEnterprise = { segment: 'enterprise', lineCount: 60, since: '2019-05-01' };
const smallShop = { segment: 'enterprise', lineCount: 3, since: '2025-02-01' };
const person = { segment: 'personal', since: '2020-01-01' };

const subscriptions: SimulatedSubscription[] = [
  { customer: 'tianfu', offering: 'mobile_199', region: 'chengdu', orgUnitPath: ['hq', 'sichuan', 'chengdu'], customerFacts: bigEnterprise, quantity: 60 },
  { customer: 'shop', offering: 'mobile_199', region: 'mianyang', orgUnitPath: ['hq', 'sichuan', 'mianyang'], customerFacts: smallShop, usage: { voice: 1200 } },
  { customer: 'li', offering: 'broadband_300m', region: 'chengdu', orgUnitPath: ['hq', 'sichuan', 'chengdu'], customerFacts: person },
  { customer: 'li', offering: 'mobile_199', region: 'chengdu', orgUnitPath: ['hq', 'sichuan', 'chengdu'], customerFacts: person },
];

describe('simulateTariff', () => {
  it('shows the revenue effect of a draft promotion by offering, region and customer', () => {
    const current = compiledCatalog(baseCatalog({ overrides: [chengduBroadband] }));
    const draft = compiledCatalog(baseCatalog({ discounts: [enterprisePromotion], overrides: [chengduBroadband] }));
    const result = simulateTariff({ current, draft, subscriptions, date: '2026-12-01' });
    // tianfu: 60 lines × 199.00 with loyalty 20% = 159.20; the promotion adds 19.90 (capped at 30%) a line.
    // shop: 199.00 and 200 voice minutes over at 0.15; li: 159.20 and Chengdu's broadband 89.00 less 20%.
    expect(result.topChanges).toEqual([{ customer: 'tianfu', current: '9552.00', draft: '8358.00', change: '-1194.00' }]);
    expect(result.byOffering).toEqual([
      { key: 'broadband_300m', subscriptions: 1, current: '71.20', draft: '71.20', change: '0.00' },
      { key: 'mobile_199', subscriptions: 3, current: '9940.20', draft: '8746.20', change: '-1194.00' },
    ]);
    expect(result.byRegion.map((row) => [row.key, row.change])).toEqual([
      ['chengdu', '-1194.00'],
      ['mianyang', '0.00'],
    ]);
    expect(result).toMatchObject({ subscriptions: 4, change: '-1194.00', unpriced: { current: 0, draft: 0 }, failed: 0 });
  });

  it('lets eligibility count the customer\'s lines while each subscription bills one, and prices page by page the same as at once', () => {
    const current = compiledCatalog(baseCatalog());
    const byLines = { ...enterprisePromotion, eligibility: { all: [{ fact: 'segment', operator: 'equal', value: 'enterprise' }, { fact: 'quantity', operator: 'greaterThanInclusive', value: 50 }] } };
    const draft = compiledCatalog(baseCatalog({ discounts: [byLines] }));
    const line = (lines?: number): SimulatedSubscription => ({ customer: 'tianfu', offering: 'mobile_199', region: 'chengdu', orgUnitPath: ['hq', 'sichuan', 'chengdu'], customerFacts: bigEnterprise, ...(lines ? { lines } : {}) });
    const counted = simulateTariff({ current, draft, subscriptions: Array.from({ length: 60 }, () => line(60)), date: '2026-12-01' });
    expect(counted).toMatchObject({ subscriptions: 60, change: '-1194.00' });
    expect(simulateTariff({ current, draft, subscriptions: Array.from({ length: 60 }, () => line()), date: '2026-12-01' }).change).toBe('0.00');

    const paged = new TariffSimulation({ current, draft, date: '2026-12-01' });
    for (const subscription of subscriptions) paged.add(subscription);
    expect(paged.result()).toEqual(simulateTariff({ current, draft, subscriptions, date: '2026-12-01' }));
  });

  it('reports a subscription whose rules fail at run time, and prices the rest', () => {
    const context = { ...tariffContext(), facts: new FactRegistry([{ name: 'creditScore', type: { kind: 'number' as const }, compute: (_params: Record<string, unknown>, facts: FactReader) => {
      if (facts.value('segment') === 'personal') throw new Error('credit bureau unavailable');
      return 700;
    } }]) };
    const good = { kind: 'discount', key: 'good_credit', type: 'fixed', amount: '5.00', component: 'monthly_fee', stacking: 'stackable', priority: 1, eligibility: { all: [{ fact: 'creditScore', operator: 'greaterThan', value: 650 }] } };
    const checked = checkTariffCatalog(baseCatalog({ discounts: [good] }), context);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const draft = compileTariffCatalog(checked.value, context);
    const result = simulateTariff({ current: compiledCatalog(baseCatalog()), draft, subscriptions, date: '2026-12-01' });
    expect(result).toMatchObject({ failed: 2, unpriced: { current: 0, draft: 0 }, subscriptions: 2 });
    expect(result.errors).toEqual([
      expect.objectContaining({ customer: 'li', side: 'draft', rule: 'good_credit', code: 'rule.evaluation-error', message: 'credit bureau unavailable' }),
      expect.objectContaining({ customer: 'li', side: 'draft' }),
    ]);
    expect(result.topChanges.map((c) => [c.customer, c.change])).toEqual([
      ['tianfu', '-300.00'],
      ['shop', '-5.00'],
    ]);
  });

  it('counts subscriptions a draft cannot price, and goes on', () => {
    const current = compiledCatalog(baseCatalog());
    const draft = compiledCatalog({ offerings: baseCatalog().offerings.filter((o) => !['broadband_300m', 'family_bundle'].includes((o as { key: string }).key)), discounts: [] });
    const result = simulateTariff({ current, draft, subscriptions, date: '2026-12-01' });
    expect(result.unpriced).toEqual({ current: 0, draft: 1 });
    expect(result.byOffering.find((row) => row.key === 'broadband_300m')).toMatchObject({ current: '79.20', draft: '0.00' });
  });
});
