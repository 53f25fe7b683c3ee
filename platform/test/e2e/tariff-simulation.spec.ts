import { beforeAll, describe, expect, it } from 'vitest';
import { dataOf, type TestPlatform } from '../support/test-platform.js';
import { customerInput, exampleWithOrg, signedInAs } from '../support/example-org.js';
import { errorOf, publishReviewed } from '../support/crm-seed.js';
import type { MetadataSet } from '@lattice/runtime';

type Catalog = { discounts: { key: string }[] } & Record<string, unknown>;
const SIMULATE = `query($s: JSON, $m: String, $d: String, $k: String) { simulateTariff(source: $s, month: $m, date: $d, regionKind: $k) }`;

/**
 * The example's catalog without its enterprise promotion is "in force"; the
 * HQ admin's draft adds it back, and the simulation prices November over the
 * live subscriptions: an enterprise in a Chengdu hall with 60 lines, a
 * Chengdu family on broadband, a Fujian customer who used more data than
 * the plan includes. Figures come from the example's configuration.
 */
describe('simulating a draft tariff over the live subscriptions', () => {
  let lattice: TestPlatform;
  let withPromotion: MetadataSet;
  let enterprise: string;

  const platform = exampleWithOrg();
  beforeAll(async () => {
    lattice = platform();
    withPromotion = lattice.metadata.liveSource();
    const tariffs = withPromotion.tariffs as unknown as Catalog;
    const without = { ...withPromotion, tariffs: { ...tariffs, discounts: tariffs.discounts.filter((d) => d.key !== 'enterprise_50_lines') } };
    dataOf(await publishReviewed(lattice.admin, without));

    const access = lattice.access();
    const product = async (code: string, tariffOffering: string, category: string) => (await access.create('Product', { code, name: code, category, monthlyFee: '1.00', tariffOffering })).id;
    const mobile = await product('M-5G-129', 'm_5g_129', 'mobile_plan');
    const broadband = await product('BB-300M', 'bb_300m', 'broadband');
    const unit = async (key: string) => (await lattice.sql(`select id from lattice_org_unit where key = $1`, [key]))[0].id as string;
    let number = 0;
    const customerWith = async (name: string, unitKey: string, fields: Record<string, unknown>, lines: { product: string; status?: string }[]) => {
      const customer = (await access.create('Customer', customerInput(name, fields))).id;
      const account = (await access.create('Account', { customer, name, paymentMethod: 'cash', billingDay: 1, status: 'active' })).id;
      const subscriptions = await access.createMany('Subscription', lines.map((line) => ({ customer, account, product: line.product, serviceNumber: `SIM-${++number}`, status: line.status ?? 'active' })));
      const ids = subscriptions.map((s) => s.id);
      const at = await unit(unitKey);
      for (const table of ['customer', 'subscription']) await lattice.sql(`update ${lattice.live.current.model.entityByKey(table)!.table} set org_unit_id = $1 where id = any($2)`, [at, table === 'customer' ? [customer] : ids]);
      return { customer, subscriptions: ids };
    };
    const firm = await customerWith('天府软件', 'sc_cd_wh_h1', { customerType: 'enterprise', customerClass: 'group', idType: 'business_licence', idNumber: '91510100MA6C000088', registeredOn: '2020-05-01', industry: 'information_technology' }, [
      ...Array.from({ length: 60 }, () => ({ product: mobile })),
      { product: mobile, status: 'terminated' },
    ]);
    enterprise = firm.customer;
    await customerWith('李家', 'sc_cd_wh_h1', { registeredOn: '2025-06-01' }, [{ product: broadband }]);
    const heavy = await customerWith('林先生', 'fj_fz_gl_h1', { registeredOn: '2025-06-01' }, [{ product: mobile }]);
    await access.create('UsageSummary', { subscription: heavy.subscriptions[0], month: '2026-11', voiceMinutes: 420, sms: 3, dataMb: 35_720 });
    await access.create('UsageSummary', { subscription: firm.subscriptions[0], month: '2026-10', voiceMinutes: 900, sms: 0, dataMb: 90_000 });
  });

  it('shows an HQ admin the promotion\'s revenue effect by offering, by region and for the customers it changes most', async () => {
    const hq = await signedInAs(lattice, 'hq.admin');
    const result = dataOf(await hq.admin(SIMULATE, { s: withPromotion, m: '2026-11', d: '2026-12-01' })).simulateTariff;
    // 60 lines × 129.00: loyalty 10% today; the draft adds 15% (25% in all, under the 30% cap): 19.35 a line.
    expect(result.topChanges).toEqual([{ customer: enterprise, current: '6966.00', draft: '5805.00', change: '-1161.00' }]);
    // Chengdu's broadband price (90.00) and the Fujian customer's 5,000 MB over the plan at 0.03 are in both columns.
    expect(result.byOffering).toEqual([
      { key: 'bb_300m', subscriptions: 1, current: '90.00', draft: '90.00', change: '0.00' },
      { key: 'm_5g_129', subscriptions: 61, current: '7245.00', draft: '6084.00', change: '-1161.00' },
    ]);
    expect(result.byRegion.map((r: { key: string; change: string; name: Record<string, string> }) => [r.key, r.name['en'], r.change])).toEqual([
      ['fj', 'Fujian', '0.00'],
      ['sc', 'Sichuan', '-1161.00'],
    ]);
    expect(result).toMatchObject({ subscriptions: 62, current: '7335.00', draft: '6174.00', change: '-1161.00', month: '2026-11', withoutUsage: 61, failed: 0, unpriced: { current: 0, draft: 0 } });
  });

  it('groups by the unit kind asked for, and counts only what the caller may read: a Sichuan admin sees Sichuan', async () => {
    const sc = await signedInAs(lattice, 'sc.admin');
    const result = dataOf(await sc.admin(SIMULATE, { s: withPromotion, m: '2026-11', d: '2026-12-01', k: 'city' })).simulateTariff;
    expect(result.byRegion.map((r: { key: string; change: string }) => [r.key, r.change])).toEqual([['sc_cd', '-1161.00']]);
    expect(result.subscriptions).toBe(61);
  });

  it('reads every record the caller may read exactly once, page after page (the scan simulations use)', async () => {
    const scanned = async (login: string) => {
      const ids: string[] = [];
      for await (const page of (await lattice.accessAs(login)).scan('Subscription', { fields: ['id'] }, 7)) ids.push(...page.map((r) => r.id));
      return ids;
    };
    const all = await scanned('hq.admin');
    expect(all).toHaveLength(63);
    expect(new Set(all).size).toBe(63);
    expect(await scanned('gl.counter')).toHaveLength(1);
  });

  it('refuses callers without metadata rights, a malformed month and a draft that does not compile, with what is wrong', async () => {
    const counter = await signedInAs(lattice, 'wh.counter');
    expect(errorOf(await counter.admin(SIMULATE, { s: withPromotion })).extensions?.code).toBe('FORBIDDEN');
    const hq = await signedInAs(lattice, 'hq.admin');
    expect(errorOf(await hq.admin(SIMULATE, { s: withPromotion, m: '2026-13' })).extensions).toMatchObject({ code: 'VALIDATION', problems: [{ path: 'month', hint: 'Write it as YYYY-MM' }] });
    const tariffs = withPromotion.tariffs as unknown as Catalog;
    const broken = { ...withPromotion, tariffs: { ...tariffs, simulation: { subscriptions: { entity: 'subscription', customer: 'customer', offering: 'product.no_such_field' } } } };
    expect(errorOf(await hq.admin(SIMULATE, { s: broken })).extensions?.problems).toMatchObject([{ code: 'simulation.unknown-field', path: 'tariffs.simulation.subscriptions.offering' }]);
  });
});
