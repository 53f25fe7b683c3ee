import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataOf } from '../support/test-platform.js';
import { TELECOM_EXAMPLE, exampleWithOrg, signedInAs } from '../support/example-org.js';

/** What a quote screen offers: the published catalog's offerings, as the quote prices them. */
describe('the tariff offerings a quote screen chooses from', () => {
  const lattice = exampleWithOrg();

  it('gives a counter operator every offering of the example catalog with its list prices, the entity quotes are for and where accepted quotes are kept', async () => {
    const catalog = parse(readFileSync(join(TELECOM_EXAMPLE, 'metadata/tariffs.yaml'), 'utf8')) as { offerings: { key: string; components: { key: string; amount: string }[] }[] };
    const counter = await signedInAs(lattice(), 'wh.counter');
    const answer = dataOf(await counter.records('{ tariffOfferings }')).tariffOfferings;
    expect(answer.customerEntity).toBe('Customer');
    // Where an accepted quote is kept, and the keeper's reference to the customer: what accepting a quote as an order fills in.
    expect(answer.acceptedQuotes).toEqual({ entity: 'CustomerOrder', field: 'acceptedQuote', customerField: 'customer' });
    expect(answer.offerings.map((o: { key: string }) => o.key)).toEqual(catalog.offerings.map((o) => o.key));
    const plan = answer.offerings.find((o: { key: string }) => o.key === 'm_5g_199');
    expect(plan).toMatchObject({ type: 'mobile', label: { en: expect.any(String), 'zh-CN': expect.any(String) }, components: [{ key: 'monthly_fee', charge: 'recurring', amount: '199.00' }] });
    // The quote prices from the same catalog: the list price is the offering's amount.
    const quote = dataOf(await counter.records(`query($l: JSON!) { priceQuote(customer: { customerType: "individual" }, lines: $l) }`, { l: [{ offering: 'm_5g_199' }] })).priceQuote;
    expect(quote.lines[0].components[0].listPrice).toBe(plan.components[0].amount);
  });
});
