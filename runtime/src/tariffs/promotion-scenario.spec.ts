import { describe, expect, it } from 'vitest';
import { simulateTariff } from '../simulation/simulate-tariff.js';
import { checkTariffCatalog } from './check-tariff-catalog.js';
import { compileTariffCatalog } from './compile-tariff-catalog.js';
import { quote } from './quote.js';
import { baseCatalog, tariffContext } from './testing/tariff-fixture.js';

/**
 * The acceptance story, end to end in the runtime: HQ adds a
 * promotion, a quote shows it with its reasons, the simulation shows its
 * revenue effect, and a branch sets a local price within HQ's band.
 */
describe('an HQ promotion and a branch price, from catalog to quote to simulation', () => {
  const context = tariffContext();
  const compile = (input: unknown) => {
    const checked = checkTariffCatalog(input, context);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    return compileTariffCatalog(checked.value, context);
  };
  const promotion = {
    kind: 'discount',
    key: 'enterprise_50_lines',
    label: { en: '15% off for enterprises with 50+ lines', 'zh-CN': '50线以上政企客户月费85折' },
    type: 'percent',
    percent: 15,
    component: 'monthly_fee',
    offerings: ['mobile_199'],
    stacking: 'stackable',
    priority: 10,
    cap: { percent: 30 },
    eligibility: { all: [{ fact: 'segment', operator: 'equal', value: 'enterprise' }, { fact: 'lineCount', operator: 'greaterThanInclusive', value: 50 }] },
  };
  const chengduPrice = (amount: string) => ({ kind: 'tariffOverride', key: 'chengdu_broadband', orgUnit: 'chengdu', offering: 'broadband_300m', component: 'monthly_fee', amount });
  const customer = { segment: 'enterprise', lineCount: 80, since: '2018-03-01' };

  it('works through every step', () => {
    const before = compile(baseCatalog());
    const after = compile(baseCatalog({ discounts: [promotion], overrides: [chengduPrice('85.00')] }));

    const quoted = quote(after, { customer, orgUnitPath: ['hq', 'sichuan', 'chengdu'], date: '2026-12-01', lines: [{ offering: 'mobile_199', quantity: 80 }, { offering: 'broadband_300m' }] });
    if (!quoted.ok) throw new Error(JSON.stringify(quoted.problems));
    const mobile = quoted.value.discounts.filter((d) => d.line === 0);
    expect(mobile.map((d) => [d.discount, d.amount, d.capped])).toEqual([
      ['loyalty', '39.80', false],
      ['enterprise_50_lines', '19.90', true],
    ]);
    expect(mobile[1]?.label).toEqual(promotion.label);
    expect(mobile[0]?.reason).toContain('since ≤ "2023-12-01" (was "2018-03-01")');
    expect(mobile[1]?.reason).toMatch(/15% off on monthly_fee, capped to 19\.90.*lineCount ≥ 50 \(was 80\)/);
    expect(quoted.value.lines[1]?.components[0]).toMatchObject({ price: '85.00', priceSource: 'branch chengdu' });

    const simulation = simulateTariff({
      current: before,
      draft: after,
      date: '2026-12-01',
      subscriptions: [{ customer: 'c1', offering: 'mobile_199', quantity: 80, region: 'chengdu', orgUnitPath: ['hq', 'sichuan', 'chengdu'], customerFacts: customer }],
    });
    expect(simulation.change).toBe((-19.9 * 80).toFixed(2));

    const outOfBand = checkTariffCatalog(baseCatalog({ overrides: [chengduPrice('60.00')] }), context);
    expect(outOfBand.ok ? [] : outOfBand.problems.map((p) => p.code)).toEqual(['override.out-of-band']);
  });
});
