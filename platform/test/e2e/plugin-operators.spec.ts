import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { errorOf, publishReviewed } from '../support/crm-seed.js';
import { telecomRules } from '../../../plugins/telecom-rules/src/index.js';

/** An illustrative promotion: 10.00 off the 129 plan for numbers in the new 5G segments. */
const newSegments = {
  kind: 'discount',
  key: 'new_5g_segments',
  label: { en: '10.00 off for a number in a new 5G segment', 'zh-CN': '5G新号段月费立减10元' },
  type: 'fixed',
  amount: '10.00',
  component: 'monthly_fee',
  stacking: 'stackable',
  priority: 5,
  offerings: ['m_5g_129'],
  eligibility: { all: [{ fact: 'phone', operator: 'mobileSegmentIn', value: ['191', '193', '199'] }] },
};

function withPromotion(source: Record<string, unknown>) {
  const tariffs = source['tariffs'] as { discounts: unknown[] };
  return { ...source, tariffs: { ...tariffs, discounts: [...tariffs.discounts, newSegments] } };
}

describe('rule operators from plugins', () => {
  let lattice: TestPlatform;
  let without: TestPlatform;
  let example: Record<string, unknown>;
  const QUOTE = `query($p: JSON, $l: JSON!) { priceQuote(customer: $p, lines: $l) }`;

  beforeAll(async () => {
    [lattice, without] = await Promise.all([startTestPlatform({ plugins: [telecomRules] }), startTestPlatform()]);
    await Promise.all([publishExampleWithOrg(lattice), publishExampleWithOrg(without)]);
    example = lattice.metadata.liveSource() as never;
  });
  afterAll(async () => {
    await Promise.all([lattice?.stop(), without?.stop()]);
  });

  it('price a quote like built-in operators do, and explain it', async () => {
    dataOf(await publishReviewed(lattice.admin, withPromotion(example)));
    const counter = await signedInAs(lattice, 'wh.counter');
    const quote = async (phone: string) => dataOf(await counter.records(QUOTE, { p: { customerType: 'individual', phone }, l: [{ offering: 'm_5g_129' }] })).priceQuote;
    const segment = await quote('19123456789');
    expect(segment.lines[0].components[0]).toMatchObject({ listPrice: '129.00', net: '119.00' });
    expect(segment.discounts.map((d: { discount: string }) => d.discount)).toEqual(['new_5g_segments']);
    const other = await quote('18912345678');
    expect(other.lines[0].components[0]).toMatchObject({ net: '129.00' });
    expect(other.explanation.find((e: { discount: string }) => e.discount === 'new_5g_segments')).toMatchObject({ status: 'not-eligible', because: ['phone mobileSegmentIn ["191","193","199"] (was "18912345678")'] });
  });

  it('are checked at plan time with the rule\'s path, and unknown on a platform without the plugin', async () => {
    const badValue = withPromotion(example);
    badValue.tariffs.discounts[badValue.tariffs.discounts.length - 1] = { ...newSegments, eligibility: { all: [{ ...newSegments.eligibility.all[0]!, value: ['19'] }] } };
    const refused = errorOf(await lattice.admin(`query($s: JSON) { plan(source: $s) { hash } }`, { s: badValue })).extensions?.problems;
    expect(refused).toMatchObject([{ code: 'rule.type-mismatch', path: 'tariffs.discounts[new_5g_segments].eligibility.all[0].value', message: expect.stringContaining('three digits') }]);
    const unknown = errorOf(await without.admin(`query($s: JSON) { plan(source: $s) { hash } }`, { s: withPromotion(example) })).extensions?.problems;
    expect(unknown).toMatchObject([{ code: 'rule.unknown-operator', path: expect.stringMatching(/^tariffs\.discounts\[new_5g_segments\]/) }]);
  });
});
