import { describe, expect, it } from 'vitest';
import { quote } from './quote.js';
import { groupTariffsOf, withGroupTariffs, type GroupTariffSource } from './group-tariff-source.js';
import type { QuoteRequest } from './quote-request.js';
import type { Quote } from './quote-result.js';
import { baseCatalog, chengduBroadband, compiledCatalog, enterprisePromotion } from './testing/tariff-fixture.js';

const enterprise = { fullName: 'Tianfu Logistics', segment: 'enterprise', lineCount: 60, since: '2019-05-01' };

function quoted(catalogInput: unknown, request: Partial<QuoteRequest>): Quote {
  const result = quote(compiledCatalog(catalogInput), { customer: enterprise, orgUnitPath: ['hq', 'sichuan', 'chengdu'], date: '2026-12-01', lines: [{ offering: 'mobile_199' }], ...request });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('quote', () => {
  it('shows both stacked discounts with their reasons, the promotion capped at 30% of the monthly fee', () => {
    const result = quoted(baseCatalog({ discounts: [enterprisePromotion] }), {});
    expect(result.discounts.map((d) => [d.discount, d.amount, d.capped])).toEqual([
      ['loyalty', '39.80', false],
      ['enterprise_50_lines', '19.90', true],
    ]);
    expect(result.lines[0]?.components[0]).toMatchObject({ component: 'monthly_fee', listPrice: '199.00', discount: '59.70', net: '139.30' });
    expect(result.discounts[1]?.reason).toContain('segment = "enterprise" (was "enterprise")');
    expect(result.discounts[1]?.reason).toContain('lineCount ≥ 50 (was 60)');
    expect(result.totals).toMatchObject({ monthly: '139.30', oneTime: '20.00', discounts: '59.70', term: (139.3 * 12 + 20).toFixed(2) });
  });

  it('says which condition failed for a customer who does not qualify', () => {
    const result = quoted(baseCatalog({ discounts: [enterprisePromotion] }), { customer: { ...enterprise, lineCount: 12 } });
    const promotion = result.explanation.find((e) => e.discount === 'enterprise_50_lines');
    expect(promotion).toMatchObject({ status: 'not-eligible', because: ['lineCount ≥ 50 (was 12)'] });
    expect(result.totals.monthly).toBe('159.20');
  });

  it('quotes a prospective customer whose fields are not known yet: the conditions on them fail', () => {
    const result = quoted(baseCatalog({ discounts: [enterprisePromotion] }), { customer: { segment: 'enterprise' } });
    expect(result.explanation.map((e) => [e.discount, e.status])).toEqual([
      ['loyalty', 'not-eligible'],
      ['enterprise_50_lines', 'not-eligible'],
    ]);
    expect(result.explanation[1]?.because).toEqual(['lineCount ≥ 50 (was missing)']);
  });

  it('uses a branch price in that branch and below, and the HQ price elsewhere', () => {
    const catalog = baseCatalog({ overrides: [chengduBroadband] });
    const chengdu = quoted(catalog, { customer: {}, orgUnitPath: ['hq', 'sichuan', 'chengdu', 'jinjiang'], lines: [{ offering: 'broadband_300m' }] });
    const mianyang = quoted(catalog, { customer: {}, orgUnitPath: ['hq', 'sichuan', 'mianyang'], lines: [{ offering: 'broadband_300m' }] });
    expect(chengdu.lines[0]?.components[0]).toMatchObject({ price: '89.00', priceSource: 'branch chengdu', listPrice: '99.00' });
    expect(mianyang.lines[0]?.components[0]).toMatchObject({ price: '99.00', priceSource: 'list' });
  });

  it('applies a group tariff record to member lines only once approved, and only while valid', () => {
    const source: GroupTariffSource = { entity: 'GroupTariff', titleField: 'number', groupCustomer: 'groupCustomer', offering: 'offering', component: 'component', price: 'price', validFrom: 'validFrom', validTo: 'validTo', approved: { field: 'status', values: ['approved'] } };
    const record = { number: 'GT-1', groupCustomer: 'group-42', offering: 'mobile_199', component: 'monthly_fee', price: '150.00', validFrom: '2026-01-01', validTo: null, status: 'under_approval' };
    const catalog = compiledCatalog(baseCatalog());
    const priced = (records: Record<string, unknown>[], date = '2026-06-01') => {
      const result = quote(withGroupTariffs(catalog, 'group-42', groupTariffsOf(records, source)), { customer: {}, orgUnitPath: ['hq'], date, groupCustomer: 'group-42', lines: [{ offering: 'mobile_199' }] });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.value;
    };
    expect(priced([record]).lines[0]?.components[0]?.price).toBe('199.00');
    expect(priced([record]).groupTariffs).toEqual([]);
    const approved = priced([{ ...record, status: 'approved' }]);
    expect(approved.lines[0]?.components[0]).toMatchObject({ price: '150.00', priceSource: 'group GT-1' });
    expect(approved.groupTariffs).toEqual([{ line: 0, tariff: 'GT-1', status: 'approved', applied: true }]);
    expect(priced([{ ...record, status: 'approved' }], '2025-12-31').lines[0]?.components[0]?.price).toBe('199.00');
    // The published catalog itself is left as it was.
    expect(catalog.groupTariffs.size).toBe(0);
  });

  it('prices expected usage beyond the allowances, and free allowances and months', () => {
    const extraData = { kind: 'discount', key: 'extra_data', type: 'freeAllowance', allowance: 'data', quantity: 10240, stacking: 'stackable', priority: 1 };
    const freeMonths = { kind: 'discount', key: 'two_months_free', type: 'freeMonths', component: 'monthly_fee', months: 2, stacking: 'stackable', priority: 1, offerings: ['broadband_300m'] };
    const result = quoted(baseCatalog({ discounts: [extraData, freeMonths] }), {
      customer: {},
      lines: [
        { offering: 'mobile_199', quantity: 2, usage: { voice: 1100, data: 40960 } },
        { offering: 'broadband_300m', usage: {} },
      ],
    });
    expect(result.lines[0]?.allowances).toEqual([
      { allowance: 'voice', unit: 'voiceMinutes', included: 1000, free: 0, expected: 1100, overage: 100, rate: '0.15', amount: '30.00' },
      { allowance: 'data', unit: 'dataMB', included: 30720, free: 10240, expected: 40960, overage: 0, rate: '0.03', amount: '0.00' },
    ]);
    expect(result.lines[1]).toMatchObject({ monthly: '99.00', term: '100.00' });
    expect(result.totals.freeMonths).toBe('99.00');
  });

  it('prices a bundle by its own fee, with the allowances of the offerings it includes', () => {
    const result = quoted(baseCatalog(), { customer: {}, lines: [{ offering: 'family_bundle', usage: { voice: 1010 } }] });
    expect(result.lines[0]?.components.map((c) => [c.component, c.net])).toEqual([['monthly_fee', '259.00']]);
    expect(result.lines[0]?.allowances.map((a) => [a.allowance, a.included, a.amount])).toEqual([
      ['voice', 1000, '1.50'],
      ['data', 30720, '0.00'],
    ]);
    expect(result.totals.monthly).toBe('259.00');
  });

  it('caps by amount, skips a discount out of its validity, and uses a branch overage rate', () => {
    const fixed = { kind: 'discount', key: 'ten_off', type: 'fixed', amount: '10.00', component: 'monthly_fee', stacking: 'stackable', priority: 5, cap: { amount: '45.00' } };
    const expired = { kind: 'discount', key: 'summer', type: 'percent', percent: 50, component: 'monthly_fee', stacking: 'stackable', priority: 30, validTo: '2026-08-31' };
    const mobile = { ...(baseCatalog().offerings[0] as object), allowances: [{ key: 'voice', unit: 'voiceMinutes', included: 1000, overageRate: '0.15', overridable: { min: '0.10', max: '0.20' } }] };
    const chengduVoice = { kind: 'tariffOverride', key: 'chengdu_voice', orgUnit: 'chengdu', offering: 'mobile_199', allowance: 'voice', amount: '0.10' };
    const result = quoted({ ...baseCatalog({ discounts: [fixed, expired], overrides: [chengduVoice] }), offerings: [mobile] }, { lines: [{ offering: 'mobile_199', usage: { voice: 1100 } }] });
    expect(result.discounts.map((d) => [d.discount, d.amount, d.capped])).toEqual([
      ['loyalty', '39.80', false],
      ['ten_off', '5.20', true],
    ]);
    expect(result.explanation.find((e) => e.discount === 'summer')).toMatchObject({ status: 'not-valid', reason: 'not valid on 2026-12-01 (valid … to 2026-08-31)' });
    expect(result.lines[0]?.allowances[0]).toMatchObject({ rate: '0.10', amount: '10.00' });
  });

  it('lets an exclusive discount of higher priority apply alone', () => {
    const staff = { kind: 'discount', key: 'staff_price', type: 'priceOverride', amount: '50.00', component: 'monthly_fee', stacking: 'exclusive', priority: 99, eligibility: { all: [{ fact: 'segment', operator: 'equal', value: 'staff' }] } };
    const result = quoted(baseCatalog({ discounts: [enterprisePromotion, staff] }), { customer: { ...enterprise, segment: 'staff' } });
    expect(result.discounts.map((d) => [d.discount, d.amount])).toEqual([['staff_price', '149.00']]);
    expect(result.explanation.find((e) => e.discount === 'loyalty')).toMatchObject({ status: 'excluded' });
  });

  it('refuses an offering the customer may not order, saying which condition failed', () => {
    const leasedLine = { kind: 'offering', key: 'leased_line_100m', type: 'valueAdded', components: [{ key: 'monthly_fee', charge: 'recurring', amount: '3000.00' }], eligibility: { all: [{ fact: 'segment', operator: 'equal', value: 'enterprise' }] } };
    const catalog = compiledCatalog(baseCatalog({ offerings: [leasedLine] }));
    const request = { orgUnitPath: ['hq'], date: '2026-12-01', lines: [{ offering: 'leased_line_100m' }] };
    const refused = quote(catalog, { ...request, customer: { segment: 'personal' } });
    expect(refused.ok ? [] : refused.problems).toEqual([expect.objectContaining({ code: 'quote.not-eligible', path: 'lines[0].offering', message: expect.stringContaining('segment = "enterprise" (was "personal")') })]);
    expect(quote(catalog, { ...request, customer: enterprise }).ok).toBe(true);
  });

  it('lets discounts share a named condition, and explains it by its parts', () => {
    const shared = { ...enterprisePromotion, eligibility: { all: [{ condition: 'big_enterprise' }] } };
    const catalog = { ...baseCatalog({ discounts: [shared] }), conditions: { big_enterprise: enterprisePromotion.eligibility } };
    const result = quoted(catalog, { customer: { ...enterprise, lineCount: 20 } });
    expect(result.explanation.find((e) => e.discount === 'enterprise_50_lines')).toMatchObject({ status: 'not-eligible', because: ['lineCount ≥ 50 (was 20)'] });
    expect(quoted(catalog, {}).discounts.map((d) => d.discount)).toEqual(['loyalty', 'enterprise_50_lines']);
  });

  it('refuses a malformed request with the path of each mistake', () => {
    const result = quote(compiledCatalog(baseCatalog()), { customer: {}, orgUnitPath: ['hq'], date: '2026-13-01', lines: [{ offering: 'mobile_199', quantity: 0, usage: { data: -5 } }] });
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['date', 'lines[0].quantity', 'lines[0].usage.data']);
  });

  it('refuses unknown and expired offerings by line', () => {
    const catalog = compiledCatalog(baseCatalog({ offerings: [{ kind: 'offering', key: 'old_plan', type: 'mobile', validTo: '2025-12-31', components: [] }] }));
    const result = quote(catalog, { customer: {}, orgUnitPath: ['hq'], date: '2026-12-01', lines: [{ offering: 'nope' }, { offering: 'old_plan' }] });
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.path])).toEqual([
      ['quote.unknown-offering', 'lines[0].offering'],
      ['quote.offering-not-valid', 'lines[1].offering'],
    ]);
  });
});
