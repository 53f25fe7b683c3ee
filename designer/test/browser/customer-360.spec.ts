import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startExamplePlatform, type RunningPlatform } from './platform-process.js';
import { launchChromium, screenshot } from './browser.js';
import { recordApi, type TestUser } from './record-api.js';

// The telecom example's users (examples/telecom-crm/org/org.yaml).
const OPERATOR = { login: 'wh.counter', password: 'Lattice-wh-2026' };
const HQ = { login: 'hq.admin', password: 'Lattice-hq-2026' };

let platform: RunningPlatform;
let browser: Browser;
const scriptErrors: string[] = [];
const api = (user: TestUser, query: string, variables: Record<string, unknown> = {}) => recordApi(platform.url, user, query, variables);
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 40_000 });
const QUOTE = 'query($c: ID!, $l: JSON!) { priceQuote(customerId: $c, lines: $l) }';

async function signedIn(locale: 'en' | 'zh-CN'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text())) scriptErrors.push(message.text());
  });
  await page.goto(`${platform.url}/`);
  await page.getByLabel('Login').fill(OPERATOR.login);
  await page.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.locator('[data-test=viewer-name]').waitFor();
  if (locale === 'zh-CN') {
    await page.getByRole('combobox', { name: 'Language' }).click({ force: true });
    await page.getByRole('option', { name: '中文' }).click();
  }
  return page;
}

/** The operator's customer with the most subscriptions among the first ones, with what the API gives them of it. */
async function richCustomer() {
  const { customers } = await api(OPERATOR, '{ customers(first: 60, filter: { subscriptions: { some: {} } }) { nodes { id name phone registeredOn subscriptions { id } accounts { id } orders { id } } } }');
  const [best] = [...customers.nodes].sort((a: any, b: any) => b.subscriptions.length + b.orders.length - (a.subscriptions.length + a.orders.length));
  return best as { id: string; name: string; phone: string; registeredOn: string | null; subscriptions: unknown[]; accounts: unknown[]; orders: unknown[] };
}

beforeAll(async () => {
  platform = await startExamplePlatform(300);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the customer 360 with an explained quote, in Chromium, on the telecom example', () => {
  it('shows a Wuhou operator their customer with subscriptions, accounts and orders in one query, and a quote whose every discount says why', async () => {
    const customer = await richCustomer();
    const page = await signedIn('en');
    // Found as the hall finds people: by phone, then the overview from the hit.
    await page.locator('[data-test=global-search]').fill(customer.phone);
    await page.locator('[data-test=global-search]').press('Enter');
    const queries: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') queries.push(String(request.postDataJSON()?.query ?? ''));
    });
    await page.locator('[data-test=search-hit]', { hasText: customer.name }).locator('xpath=..').locator('[data-test=search-overview]').click();
    await page.waitForURL(`**/records/Customer/${customer.id}/overview`);
    await eventually(() => page.locator('[data-test=overview-title]').innerText()).toBe(`${customer.name} at a glance`);
    const count = (part: string) => page.locator(`[data-test=overview-${part}] h2 small`).innerText();
    expect([await count('subscriptions'), await count('accounts'), await count('orders')]).toEqual([customer.subscriptions, customer.accounts, customer.orders].map((l) => String(l.length)));
    expect(await page.locator('[data-test=overview-subscriptions] tbody tr').count()).toBe(Math.min(10, customer.subscriptions.length));
    // Complaints point at the customer without the customer listing them: they are there too, with their count.
    expect(await page.locator('[data-test=overview-complaintsByCustomer] h2').innerText()).toMatch(/\d+$/);
    // One query for the customer and every list; the catalog beside it, not after it.
    const pageQueries = queries.filter((q) => /RecordOverview|Catalog/.test(q));
    expect(pageQueries.map((q) => q.match(/query (\w+)/)?.[1]).sort()).toEqual(['Catalog', 'RecordOverview']);

    // The quote: two lines, priced by the platform in the operator's unit.
    const quote = page.locator('[data-test=quote]');
    await quote.locator('[data-test=quote-line-0] [data-test=quote-offering]').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '5G plan 199' }).click();
    await quote.locator('[data-test=quote-add]').click();
    await quote.locator('[data-test=quote-line-1] [data-test=quote-offering]').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: 'HD IPTV' }).click();
    await quote.locator('[data-test=quote-price]').click();
    await quote.locator('[data-test=quote-lines]').waitFor();
    const truth = (await api(OPERATOR, QUOTE, { c: customer.id, l: [{ offering: 'm_5g_199', quantity: 1 }, { offering: 'itv_hd', quantity: 1 }] })).priceQuote;
    expect(await quote.locator('[data-test=quote-monthly]').innerText()).toBe(`¥${truth.totals.monthly}`);
    // Every discount the catalog considered, with its reason: the loyalty discount applies or says which condition failed and what it saw.
    for (const reason of truth.explanation) {
      const shown = await quote.locator(`[data-test=reason-${reason.discount}]`).first().innerText();
      expect(shown).toContain(reason.reason);
      for (const because of reason.because) expect(shown).toContain(because);
    }
    expect(truth.explanation.map((e: any) => e.discount)).toContain('loyalty_3_years');
    await page.locator('[data-test=overview-title]').scrollIntoViewIfNeeded();
    await screenshot(page, 'customer-360');

    // Accepted as an order: the order's required choices asked, the sealed quote kept as priced.
    await quote.locator('[data-test=quote-accept]').click();
    const form = quote.locator('[data-test=quote-accept-form]');
    await form.locator('[data-test=accept-channel]').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: 'Branch hall' }).click();
    await form.locator('[data-test=accept-orderType]').click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: 'New connection' }).click();
    await screenshot(page, 'customer-360-accept');
    await form.locator('[data-test=quote-accept-create]').click();
    await page.waitForURL(/\/records\/CustomerOrder\/[0-9a-f-]{36}$/);
    const orderId = page.url().split('/').at(-1);
    const { customerOrder } = await api(OPERATOR, 'query($id: ID!) { customerOrder(id: $id) { channel orderType status customer { id } acceptedQuote } }', { id: orderId });
    expect(customerOrder).toMatchObject({ channel: 'hall', orderType: 'new', customer: { id: customer.id } });
    expect(customerOrder.acceptedQuote.totals).toEqual(truth.totals);
    expect(customerOrder.acceptedQuote.seal).toEqual(expect.any(String));
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('keeps a Fujian customer out of a Wuhou operator’s 360 until they serve them anywhere, and speaks Chinese', async () => {
    const { customers } = await api(HQ, '{ customers(first: 1, orderBy: [{ field: name, direction: ASC }], filter: { province: { eq: "福建省" }, customerType: { eq: "individual" } }) { nodes { id name phone idNumber } } }');
    const fujian = customers.nodes[0];
    const page = await signedIn('zh-CN');
    await page.goto(`${platform.url}/records/Customer/${fujian.id}/overview`);
    await eventually(() => page.locator('[data-test=overview-error]').innerText()).toBe('未找到。');
    expect(await page.locator('[data-test=quote]').count()).toBe(0);
    // Served anywhere (the customer's phone and ID number, and a reason): the same page shows them, for the policy's minutes.
    await api(OPERATOR, 'mutation($m: JSON!) { serveAnywhere(entity: "Customer", match: $m, reason: "来厅办理异地业务") { recordId } }', { m: { phone: fujian.phone, idNumber: fujian.idNumber } });
    await page.reload();
    await eventually(() => page.locator('[data-test=overview-title]').innerText()).toBe(`${fujian.name} 客户视图`);
    expect(await page.locator('[data-test=quote] h2').innerText()).toBe('资费报价');
    await page.locator('[data-test=quote-price]').click();
    await page.locator('[data-test=quote-lines]').waitFor();
    expect(await page.locator('[data-test=quote-reasons]').innerText()).toMatch(/已适用|不适用|已封顶/);
    await screenshot(page, 'customer-360-zh');
    expect(scriptErrors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
