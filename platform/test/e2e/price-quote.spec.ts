import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, exampleWithOrg, publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';
import { errorOf, publishReviewed } from '../support/crm-seed.js';

/** An illustrative catalog: prices and discounts are configuration, as an HQ admin would publish them. */
const CATALOG = {
  customerEntity: 'customer',
  offerings: [
    { kind: 'offering', key: 'mobile_199', type: 'mobile', components: [{ key: 'monthly_fee', charge: 'recurring', amount: '199.00' }] },
    { kind: 'offering', key: 'broadband_300m', type: 'broadband', components: [{ key: 'monthly_fee', charge: 'recurring', amount: '99.00', overridable: { min: '79.00', max: '109.00' } }] },
  ],
  discounts: [
    {
      kind: 'discount', key: 'enterprise_50_lines', type: 'percent', percent: 15, component: 'monthly_fee', stacking: 'stackable', priority: 10, cap: { percent: 30 }, offerings: ['mobile_199'],
      eligibility: { all: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }, { fact: 'quantity', operator: 'greaterThanInclusive', value: 50 }] },
    },
    { kind: 'discount', key: 'loyalty', type: 'percent', percent: 20, component: 'monthly_fee', stacking: 'stackable', priority: 20, offerings: ['mobile_199'], eligibility: { all: [{ fact: 'registeredOn', operator: 'lessThanInclusive', value: '2023-12-01' }] } },
  ],
  overrides: [{ kind: 'tariffOverride', key: 'chengdu_broadband', orgUnit: 'sc_cd', offering: 'broadband_300m', component: 'monthly_fee', amount: '89.00' }],
};

describe('quotes from the published tariff catalog', () => {
  let lattice: TestPlatform;
  let firm: string;
  const QUOTE = `query($c: ID, $p: JSON, $l: JSON!, $d: String) { priceQuote(customerId: $c, customer: $p, lines: $l, date: $d) }`;

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
    // This catalog replaces the example's: the example's Chengdu price (for an offering it lacks) goes with it.
    const example = lattice.metadata.liveSource();
    const layers = (example.layers as { key: string }[]).filter((l) => l.key !== 'sc_cd');
    await lattice.metadata.planAndPublish({ ...example, layers, tariffs: CATALOG }, { actor: SYSTEM_ACTOR });
    firm = (await lattice.access().create('Customer', customerInput('某集团', { customerType: 'enterprise', customerClass: 'group', idType: 'business_licence', idNumber: '91510100MA6C000099', registeredOn: '2020-05-01', industry: 'retail' }))).id;
    const hall = (await lattice.sql(`select id from lattice_org_unit where key = 'sc_cd_wh_h1'`))[0].id;
    await lattice.sql(`update customer set org_unit_id = $1 where id = $2`, [hall, firm]);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('stacks the enterprise promotion with the loyalty discount, capped at 30%, and says why each applied', async () => {
    const counter = await signedInAs(lattice, 'wh.counter');
    const quote = dataOf(await counter.records(QUOTE, { c: firm, l: [{ offering: 'mobile_199', quantity: 60 }], d: '2026-12-01' })).priceQuote;
    expect(quote.lines[0].components[0]).toMatchObject({ listPrice: '199.00', discount: '59.70', net: '139.30' });
    expect(quote.totals).toMatchObject({ monthly: '8358.00', discounts: '3582.00' });
    expect(quote.discounts.map((d: { discount: string; amount: string; capped: boolean }) => [d.discount, d.amount, d.capped])).toEqual([['loyalty', '39.80', false], ['enterprise_50_lines', '19.90', true]]);
    expect(quote.explanation.find((e: { discount: string }) => e.discount === 'enterprise_50_lines').because).toEqual(['customerType = "enterprise" (was "enterprise")', 'quantity ≥ 50 (was 60)']);
    expect(quote.orgUnit).toBe('sc_cd_wh_h1');
  });

  it('prices broadband at the Chengdu branch price in a Chengdu hall, at the HQ price in Fujian', async () => {
    const chengdu = dataOf(await (await signedInAs(lattice, 'wh.counter')).records(QUOTE, { p: { customerType: 'individual' }, l: [{ offering: 'broadband_300m' }], d: '2026-12-01' })).priceQuote;
    const fujian = dataOf(await (await signedInAs(lattice, 'gl.counter')).records(QUOTE, { p: { customerType: 'individual' }, l: [{ offering: 'broadband_300m' }], d: '2026-12-01' })).priceQuote;
    expect(chengdu.lines[0].components[0]).toMatchObject({ listPrice: '99.00', price: '89.00', net: '89.00' });
    expect(fujian.lines[0].components[0]).toMatchObject({ listPrice: '99.00', price: '99.00', priceSource: 'list' });
  });

  it('quotes only customers the caller may read, and refuses a band violation at plan time', async () => {
    const fujian = await signedInAs(lattice, 'gl.counter');
    expect(errorOf(await fujian.records(QUOTE, { c: firm, l: [{ offering: 'mobile_199' }] })).extensions?.code).toBe('NOT_FOUND');
    const outOfBand = { ...CATALOG, overrides: [{ ...CATALOG.overrides[0], amount: '60.00' }] };
    const plan = await lattice.admin(`query($s: JSON) { plan(source: $s) { hash } }`, { s: { ...lattice.metadata.liveSource(), tariffs: outOfBand } });
    expect(errorOf(plan).extensions?.problems).toMatchObject([{ code: 'override.out-of-band', path: expect.stringMatching(/^tariffs\./) }]);
  });
});

describe('the example ships a tariff catalog', () => {
  const platform = exampleWithOrg();
  let lattice: TestPlatform;
  beforeAll(() => {
    lattice = platform();
  });

  it('quotes broadband at the Chengdu price in a Chengdu hall', async () => {
    const counter = await signedInAs(lattice, 'wh.counter');
    const quote = dataOf(await counter.records(`query($l: JSON!) { priceQuote(customer: { customerType: "individual" }, lines: $l) }`, { l: [{ offering: 'bb_300m' }, { offering: 'itv_hd' }] })).priceQuote;
    expect(quote.lines.map((l: { offering: string; monthly: string }) => [l.offering, l.monthly])).toEqual([['bb_300m', '90.00'], ['itv_hd', '20.00']]);
    expect(quote.totals).toMatchObject({ monthly: '110.00', oneTime: '100.00' });
  });

  it('lets the Chengdu branch set its broadband price in its own layer, within HQ\'s band, and Chengdu quotes use it', async () => {
    const cd = await signedInAs(lattice, 'cd.admin');
    const SAVE = `mutation($l: JSON!) { saveLayer(layer: $l) { problems { code path message } } }`;
    const layer = (amount: string) => ({ kind: 'layer', key: 'sc_cd', tariffOverrides: [{ key: 'chengdu_broadband', offering: 'bb_300m', component: 'monthly_fee', amount }] });
    const outOfBand = dataOf(await cd.admin(SAVE, { l: layer('120.00') })).saveLayer.problems;
    expect(outOfBand).toMatchObject([{ code: 'override.out-of-band', path: 'layers[sc_cd].tariffOverrides[chengdu_broadband].amount', message: expect.stringContaining('80.00–110.00') }]);
    expect(errorOf(await publishReviewed(cd.admin)).extensions?.problems).toMatchObject([{ code: 'override.out-of-band' }]);

    expect(dataOf(await cd.admin(SAVE, { l: layer('85.00') })).saveLayer.problems).toEqual([]);
    dataOf(await publishReviewed(cd.admin));
    const quoteIn = async (login: string) =>
      dataOf(await (await signedInAs(lattice, login)).records(`query($l: JSON!) { priceQuote(customer: { customerType: "individual" }, lines: $l) }`, { l: [{ offering: 'bb_300m' }] })).priceQuote.lines[0].components[0];
    expect(await quoteIn('wh.counter')).toMatchObject({ listPrice: '100.00', price: '85.00', priceSource: 'branch sc_cd' });
    expect(await quoteIn('gl.counter')).toMatchObject({ price: '100.00', priceSource: 'list' });

    // The catalog itself, and the province's layer above, stay HQ's and Sichuan's.
    const source = lattice.metadata.liveSource();
    const tariffs = source.tariffs as unknown as { offerings: { key: string; components: { amount: string }[] }[] };
    const cheaper = { ...tariffs, offerings: tariffs.offerings.map((o) => (o.key === 'bb_300m' ? { ...o, components: [{ ...o.components[0], amount: '50.00' }, ...o.components.slice(1)] } : o)) };
    expect(errorOf(await publishReviewed(cd.admin, { ...source, tariffs: cheaper })).extensions?.problems).toMatchObject([{ code: 'layer.edit-forbidden', path: 'tariffs' }]);
    expect(errorOf(await cd.admin(SAVE, { l: { ...layer('85.00'), key: 'sc' } })).extensions?.problems).toMatchObject([{ code: 'layer.edit-forbidden' }]);
    dataOf(await cd.admin(SAVE, { l: layer('90.00') }));
    dataOf(await publishReviewed(cd.admin));
  });

  it('keeps on an order only the quote the platform issued, unchanged and from the catalog in force', async () => {
    const counter = await signedInAs(lattice, 'wh.counter');
    const wuhou = await lattice.accessAs('wh.counter');
    const customer = (await wuhou.create('Customer', customerInput('宽带新装'))).id;
    const quote = dataOf(await counter.records(`query($c: ID, $l: JSON!) { priceQuote(customerId: $c, lines: $l) }`, { c: customer, l: [{ offering: 'bb_300m' }] })).priceQuote;
    const CREATE = `mutation($i: CustomerOrderCreateInput!) { createCustomerOrder(input: $i) { id acceptedQuote } }`;
    const order = { customer, channel: 'hall', orderType: 'new', status: 'accepted' };
    const accepted = dataOf(await counter.records(CREATE, { i: { ...order, acceptedQuote: quote } })).createCustomerOrder;
    expect(accepted.acceptedQuote.totals.monthly).toBe('90.00');

    const cheaper = JSON.parse(JSON.stringify(quote).replaceAll('"90.00"', '"9.00"'));
    expect(errorOf(await counter.records(CREATE, { i: { ...order, acceptedQuote: cheaper } })).extensions?.problems).toMatchObject([{ code: 'quote.not-sealed', path: 'acceptedQuote' }]);
    const { seal: _seal, ...unsealed } = quote;
    expect(errorOf(await counter.records(CREATE, { i: { ...order, acceptedQuote: unsealed } })).extensions?.problems).toMatchObject([{ code: 'quote.not-sealed' }]);

    const source = lattice.metadata.liveSource();
    const tariffs = source.tariffs as unknown as { offerings: { key: string; components: { amount: string }[] }[] };
    const repriced = { ...tariffs, offerings: tariffs.offerings.map((o) => (o.key === 'itv_hd' ? { ...o, components: [{ ...o.components[0], amount: '25.00' }] } : o)) };
    dataOf(await publishReviewed(lattice.admin, { ...source, tariffs: repriced }));
    expect(errorOf(await counter.records(CREATE, { i: { ...order, acceptedQuote: quote } })).extensions?.problems).toMatchObject([{ code: 'quote.stale' }]);
  });
});
