import { describe, expect, it } from 'vitest';
import { checkTariffCatalog } from './check-tariff-catalog.js';
import { baseCatalog, chengduBroadband, enterprisePromotion, tariffContext } from './testing/tariff-fixture.js';

function problemsOf(input: unknown) {
  const checked = checkTariffCatalog(input, tariffContext());
  return checked.ok ? [] : checked.problems.map((p) => [p.code, p.path]);
}

describe('checkTariffCatalog', () => {
  it('accepts the illustrative catalog with a promotion and a branch price', () => {
    expect(problemsOf(baseCatalog({ discounts: [enterprisePromotion], overrides: [chengduBroadband] }))).toEqual([]);
  });

  it('refuses a branch price outside HQ\'s band, and an override of what HQ did not unlock', () => {
    const problems = problemsOf(
      baseCatalog({
        overrides: [
          { ...chengduBroadband, amount: '70.00' },
          { kind: 'tariffOverride', key: 'chengdu_mobile', orgUnit: 'chengdu', offering: 'mobile_199', component: 'monthly_fee', amount: '150.00' },
        ],
      }),
    );
    expect(problems).toEqual([
      ['override.out-of-band', 'overrides[chengdu_broadband].amount'],
      ['override.not-overridable', 'overrides[chengdu_mobile].component'],
    ]);
  });

  it('refuses two exclusive discounts that could meet on one component with the same priority', () => {
    const exclusive = (key: string, offerings?: string[]) => ({ kind: 'discount', key, type: 'fixed', amount: '10.00', component: 'monthly_fee', stacking: 'exclusive', priority: 5, ...(offerings ? { offerings } : {}) });
    expect(problemsOf(baseCatalog({ discounts: [exclusive('a', ['mobile_199']), exclusive('b'), exclusive('c', ['iptv_basic'])] }))).toEqual([
      ['discount.overlapping-exclusive', 'discounts[b].priority'],
      ['discount.overlapping-exclusive', 'discounts[c].priority'],
    ]);
  });

  it('checks eligibility conditions as rules are checked, at the discount\'s path', () => {
    const problems = problemsOf(
      baseCatalog({
        discounts: [{ ...enterprisePromotion, eligibility: { all: [{ fact: 'segmnt', operator: 'equal', value: 'enterprise' }, { fact: 'lineCount', operator: 'greaterThanInclusive', value: '50' }, { fact: 'offering', operator: 'isCool', value: true }] } }],
      }),
    );
    expect(problems).toEqual([
      ['rule.unknown-fact', 'discounts[enterprise_50_lines].eligibility.all[0].fact'],
      ['rule.type-mismatch', 'discounts[enterprise_50_lines].eligibility.all[1].value'],
      ['rule.unknown-operator', 'discounts[enterprise_50_lines].eligibility.all[2].operator'],
    ]);
  });

  it('reports a named condition that does not exist', () => {
    const problems = problemsOf(baseCatalog({ discounts: [{ ...enterprisePromotion, eligibility: { all: [{ condition: 'big_enterprize' }] } }] }));
    expect(problems).toEqual([['rule.unknown-condition', 'discounts[enterprise_50_lines].eligibility.all[0].condition']]);
  });

  it('reports amounts that are not exact to the fen, bad bands and targets that do not exist', () => {
    const problems = problemsOf({
      offerings: [
        { kind: 'offering', key: 'plan', type: 'mobile', components: [{ key: 'monthly_fee', charge: 'recurring', amount: '19.999' }] },
      ],
    });
    expect(problems).toEqual([['document.custom', 'offerings[plan].components[monthly_fee].amount']]);
    expect(
      problemsOf(
        baseCatalog({
          offerings: [{ kind: 'offering', key: 'odd', type: 'iptv', includes: ['iptv_basic'], components: [{ key: 'fee', charge: 'recurring', amount: '5.00', overridable: { min: '9.00', max: '1.00' } }] }],
          discounts: [{ kind: 'discount', key: 'ghost', type: 'percent', percent: 5, component: 'rental', stacking: 'stackable', priority: 1 }],
        }),
      ),
    ).toEqual([
      ['tariff.bad-band', 'offerings[odd].components[fee].overridable'],
      ['tariff.includes-not-bundle', 'offerings[odd].includes'],
      ['discount.unknown-component', 'discounts[ghost].component'],
    ]);
  });
});
