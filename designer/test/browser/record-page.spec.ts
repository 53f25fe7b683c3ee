import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startExamplePlatform, type RunningPlatform } from './platform-process.js';
import { launchChromium, screenshot } from './browser.js';
import { recordApi, type TestUser } from './record-api.js';

// The telecom example's Wuhou hall counter operator and HQ admin (examples/telecom-crm/org/org.yaml).
const OPERATOR = { login: 'wh.counter', password: 'Lattice-wh-2026' };
const HQ = { login: 'hq.admin', password: 'Lattice-hq-2026' };
const FUJIAN_ADMIN = { login: 'fj.admin', password: 'Lattice-fj-2026' };
const CUSTOMER_FIELDS = 'id version name phone idNumber customerType customerClass industry gender address';

let platform: RunningPlatform;
let browser: Browser;
let page: Page;
const scriptErrors: string[] = [];

/** What the record API answers a user: the database as they may see it, the ground truth the screens must match. */
const api = (user: TestUser, query: string, variables: Record<string, unknown> = {}) => recordApi(platform.url, user, query, variables);

const customer = async (id: string) => (await api(HQ, `query($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`, { id })).customer;
/** Individual customers of the operator's hall with a phone number, by name. */
const myIndividuals = async () => (await api(OPERATOR, `{ customers(first: 40, orderBy: [{ field: name, direction: ASC }], filter: { customerType: { eq: "individual" } }) { nodes { ${CUSTOMER_FIELDS} } } }`)).customers.nodes.filter((c: any) => c.phone);
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 40_000 });
const field = (name: string) => page.locator(`[data-test=field-${name}]`);

async function chooseOption(fieldName: string, label: string) {
  await field(fieldName).locator('.el-select__wrapper').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}

async function openByPhone(phone: string, name: string) {
  await page.locator('[data-test=global-search]').fill(phone);
  await page.locator('[data-test=global-search]').press('Enter');
  await page.waitForURL('**/search?q=*');
  const hit = page.locator('[data-test=search-hit]', { hasText: name });
  await eventually(() => hit.count()).toBe(1);
  await hit.click();
  await page.locator('[data-test=record-page]').waitFor();
  await eventually(() => page.locator('[data-test=record-title]').innerText()).toBe(name);
}

beforeAll(async () => {
  platform = await startExamplePlatform(1500);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text())) scriptErrors.push(message.text());
  });
  const options = page.waitForResponse((r) => r.url().endsWith('/auth/graphql') && (r.request().postData() ?? '').includes('SignInOptions'));
  await page.goto(`${platform.url}/sign-in`);
  // This platform has no OpenID Connect: once the page has asked, it offers the password alone.
  expect((await (await options).json()).data.signInOptions.openIdConnect).toBe(false);
  expect(await page.locator('[data-test=sign-in-oidc]').count()).toBe(0);
  await page.getByLabel('Login').fill(OPERATOR.login);
  await page.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.waitForURL((url) => url.pathname === '/');
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the record page, in Chromium, on the real platform with the telecom example', () => {
  it('finds a customer by phone, shows the enterprise fields only while the customer is an enterprise, saves, and the database has it', async () => {
    const [target] = await myIndividuals();
    await openByPhone(target.phone, target.name);
    // The Wuhou district layer's own section is on the Wuhou operator's form.
    await expect.poll(() => page.locator('[data-test=section-individual]').isVisible()).toBe(true);
    expect(await field('industry').count()).toBe(0);
    await screenshot(page, 'record-page-individual');

    // Enterprise: the enterprise section appears with its required industry, the individual one goes, the classes narrow.
    await field('customerType').getByText('Enterprise').click();
    await eventually(() => field('industry').count()).toBe(1);
    expect(await field('industry').getAttribute('data-required')).toBe('true');
    expect(await field('gender').count()).toBe(0);
    await field('customerClass').locator('.el-select__wrapper').click();
    await eventually(() => page.locator('.el-select-dropdown__item:visible').allInnerTexts()).toEqual(['Business', 'Big customer', 'Group customer']);
    await page.keyboard.press('Escape');
    // And back: the condition follows every change, as typed.
    await field('customerType').getByText('Individual').click();
    await eventually(() => field('industry').count()).toBe(0);
    expect(await field('gender').count()).toBe(1);
    await field('customerType').getByText('Enterprise').click();
    await eventually(() => field('industry').count()).toBe(1);

    // Saving without the industry the form requires: refused in the browser, on the field, nothing sent.
    await chooseOption('customerClass', 'Business');
    await page.locator('[data-test=save]').click();
    await eventually(() => page.locator('[data-test=error-industry]').innerText()).toBe('Required');
    expect((await customer(target.id)).customerType).toBe('individual');
    await screenshot(page, 'record-page-enterprise-required');

    await chooseOption('industry', 'Wholesale and retail');
    await page.locator('[data-test=save]').click();
    await page.locator('[data-test=saved]').waitFor();
    const stored = await customer(target.id);
    expect(stored).toMatchObject({ customerType: 'enterprise', customerClass: 'business', industry: 'retail', gender: null });
    await screenshot(page, 'record-page-saved');

    // The history, as an auditor sees it (a counter operator sees only the records they own): the change, by whom, before and after.
    const hq = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
    await hq.goto(`${platform.url}/sign-in?next=/records/Customer/${target.id}`);
    await hq.getByLabel('Login').fill(HQ.login);
    await hq.getByLabel('Password', { exact: true }).fill(HQ.password);
    await hq.getByLabel('Password', { exact: true }).press('Enter');
    const latest = hq.locator('[data-test=audit-entry]').first();
    await expect.poll(() => latest.innerText(), { timeout: 40_000 }).toContain('Changed');
    expect(await latest.innerText()).toContain('by wh.counter');
    expect(await latest.innerText()).toContain('Customer type Individual → Enterprise');
    // The gender the individual section held was cleared when the form hid it.
    if (target.gender) expect(await latest.innerText()).toMatch(/Gender (Male|Female) → \(empty\)/);
    await screenshot(hq, 'record-page-history');
    await hq.context().close();
  });

  it('shows the server\'s error on its field when the platform refuses a value', async () => {
    const [, target] = await myIndividuals();
    await openByPhone(target.phone, target.name);
    await field('email').locator('input').fill('not an address');
    await page.locator('[data-test=save]').click();
    await eventually(() => page.locator('[data-test=error-email]').count()).toBe(1);
    expect(await page.locator('[data-test=error-email]').innerText()).toMatch(/email|address/i);
    expect((await customer(target.id)).version).toBe(target.version);
    await page.locator('[data-test=discard]').click();
  });

  it('shows a stale edit as a conflict, theirs against yours, and saves the reapplied edit over the current record', async () => {
    const [, , target] = await myIndividuals();
    await openByPhone(target.phone, target.name);
    // Someone else changes the address after the page was loaded.
    await api(OPERATOR, `mutation($id: ID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { address: "成都市武侯区科华北路1号" }) { version } }`, { id: target.id, v: target.version });
    await field('address').locator('input').fill('成都市武侯区人民南路4段9号');
    await page.locator('[data-test=save]').click();
    const conflict = page.locator('[data-test=conflict]');
    await conflict.waitFor();
    const rows = await page.locator('[data-test=conflict-fields] .el-table__body tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Address');
    expect(rows[0]).toContain('成都市武侯区科华北路1号');
    expect(rows[0]).toContain('成都市武侯区人民南路4段9号');
    await screenshot(page, 'record-page-conflict');

    await page.locator('[data-test=conflict-reapply]').click();
    await eventually(() => conflict.count()).toBe(0);
    expect(await field('address').locator('input').inputValue()).toBe('成都市武侯区人民南路4段9号');
    await page.locator('[data-test=save]').click();
    await page.locator('[data-test=saved]').waitFor();
    const stored = await customer(target.id);
    expect(stored.address).toBe('成都市武侯区人民南路4段9号');
    expect(stored.version).toBe(target.version + 2);
  });

  it('serves a Fujian customer from the Wuhou hall through serve-anywhere, with the time left shown', async () => {
    const fujian = (await api(HQ, '{ customers(first: 1, orderBy: [{ field: name, direction: ASC }], filter: { province: { eq: "福建省" }, customerType: { eq: "individual" } }) { nodes { id name phone idNumber } } }')).customers.nodes[0];
    await page.locator('[data-test=global-search]').fill(fujian.phone);
    await page.locator('[data-test=global-search]').press('Enter');
    await page.locator('[data-test=search-none]').waitFor();
    await page.locator('[data-test=serve-anywhere]').click();
    const dialog = page.locator('[data-test=serve-dialog]');
    await dialog.waitFor();
    expect(await page.locator('[data-test=serve-phone]').inputValue()).toBe(fujian.phone);
    // A wrong ID number: refused, and the dialog says so without telling what did not match.
    await page.locator('[data-test=serve-idNumber]').fill('350211200001011234');
    await page.locator('[data-test=serve-reason]').fill('Customer at the counter, moved from Fujian');
    await page.locator('[data-test=serve-submit]').click();
    await eventually(() => page.locator('[data-test=serve-error]').innerText()).toBe('Not found.');
    await page.locator('[data-test=serve-idNumber]').fill(fujian.idNumber);
    await screenshot(page, 'serve-anywhere');
    await page.locator('[data-test=serve-submit]').click();
    await page.waitForURL(`**/records/Customer/${fujian.id}`);
    await eventually(() => page.locator('[data-test=record-title]').innerText()).toBe(fujian.name);
    expect(await page.locator('[data-test=serve-time-left]').innerText()).toMatch(/Served from elsewhere: (29|30) min \d+ s left/);
    await screenshot(page, 'record-page-served-anywhere');
    // The grant and its reason are in the access log, for the customer's own province to see.
    const log = await api(FUJIAN_ADMIN, '{ accessLog(kind: "serve-anywhere", first: 1) { entries { recordIds reason } } }');
    expect(log.accessLog.entries[0]).toEqual({ recordIds: [fujian.id], reason: 'Customer at the counter, moved from Fujian' });
  });

  it('chooses the list\'s columns and keeps them as the user\'s own saved view', async () => {
    await page.goto(`${platform.url}/records/Customer`);
    const headers = () => page.locator('[data-test=rows] th').allInnerTexts();
    await eventually(async () => (await headers()).includes('Name')).toBe(true);
    expect(await headers()).not.toContain('Email');
    await page.locator('[data-test=column-choice]').click();
    await page.locator('[data-test=column-list]').getByText('Email', { exact: true }).click();
    await eventually(headers).toContain('Email');
    await page.keyboard.press('Escape');
    await page.locator('[data-test=save-view]').click();
    await page.locator('.el-message-box input').fill('Counter: with email');
    await page.locator('.el-message-box').getByRole('button', { name: 'OK' }).click();
    await eventually(() => page.locator('[data-test=view-choice]').innerText()).toContain('Counter: with email');
    const saved = (await api(OPERATOR, '{ savedViews(entity: "Customer") { name columns } }')).savedViews;
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toBe('Counter: with email');
    expect(saved[0].columns).toContain('email');

    // After a reload the list starts with all records; the saved view brings its columns back.
    await page.reload();
    await eventually(async () => (await headers()).includes('Name')).toBe(true);
    expect(await headers()).not.toContain('Email');
    await page.locator('[data-test=view-choice]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'Counter: with email' }).click();
    await eventually(headers).toContain('Email');
    await screenshot(page, 'list-saved-view');
  });

  it('works on a tablet held upright: nothing wider than the screen, the history below the form, a tapped edit saved', async () => {
    const tablet = await (await browser.newContext({ viewport: { width: 768, height: 1024 }, isMobile: true, hasTouch: true, locale: 'en-US' })).newPage();
    await tablet.goto(`${platform.url}/sign-in?next=/records/Customer`);
    await tablet.getByLabel('Login').fill(OPERATOR.login);
    await tablet.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
    await tablet.getByLabel('Password', { exact: true }).press('Enter');
    await tablet.locator('[data-test=list][aria-busy=false]').waitFor();
    /** How far the page or its content area reaches past the screen's width (0: it fits). */
    const overflow = () => tablet.evaluate(() => {
      const content = document.querySelector('.content');
      return Math.max(document.documentElement.scrollWidth - window.innerWidth, content ? content.scrollWidth - content.clientWidth : 0);
    });
    expect(await overflow()).toBe(0);
    await screenshot(tablet, 'tablet-list');
    const [, , target] = await myIndividuals();
    await tablet.goto(`${platform.url}/records/Customer/${target.id}`);
    await eventually(() => tablet.locator('[data-test=record-title]').innerText()).toBe(target.name);
    expect(await overflow()).toBe(0);
    // The history is under the form, not squeezed beside it.
    const form = await tablet.locator('form.form').boundingBox();
    const history = await tablet.locator('.columns > .side').boundingBox();
    expect(history!.y).toBeGreaterThanOrEqual(form!.y + form!.height - 1);
    expect(form!.width).toBeGreaterThan(500);
    const address = `${target.address ?? ''} 平板`.trim();
    await tablet.locator('[data-test=field-address] input, [data-test=field-address] textarea').first().tap();
    await tablet.locator('[data-test=field-address] input, [data-test=field-address] textarea').first().fill(address);
    await tablet.locator('[data-test=save]').tap();
    await tablet.locator('[data-test=saved]').waitFor();
    expect((await customer(target.id)).address).toBe(address);
    await screenshot(tablet, 'tablet-record-page');
    await tablet.context().close();
  });

  it('works the same in Chinese: labels from the metadata, the condition live, the save in the database', async () => {
    await page.locator('[data-test=language]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '中文' }).click();
    const [, , , target] = await myIndividuals();
    await openByPhone(target.phone, target.name);
    expect(await field('customerType').innerText()).toContain('客户类型');
    expect(await page.locator('[data-test=section-individual] legend').innerText()).toBe('个人信息');
    await field('customerType').getByText('政企客户').click();
    await eventually(() => page.locator('[data-test=section-enterprise] legend').innerText()).toBe('政企信息');
    await field('customerType').getByText('个人客户').click();
    await eventually(() => page.locator('[data-test=section-enterprise]').count()).toBe(0);
    await field('address').locator('input').fill('成都市武侯区玉林南路7号');
    await page.locator('[data-test=save]').click();
    await eventually(() => page.locator('[data-test=saved]').innerText()).toBe('已保存。');
    expect((await customer(target.id)).address).toBe('成都市武侯区玉林南路7号');
    await screenshot(page, 'record-page-zh-CN');
    expect(scriptErrors).toEqual([]);
  });
});
