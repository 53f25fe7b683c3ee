import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startExamplePlatform, type RunningPlatform } from './platform-process.js';
import { launchChromium, screenshot } from './browser.js';
import { recordApi, type TestUser } from './record-api.js';

// The telecom example's Wuhou hall counter operator (examples/telecom-crm/org/org.yaml).
// Access tokens last 20 s here: the console renews them 15 s before they end, so every step of these tests runs over refreshes.
const ACCESS_TOKEN_SECONDS = 20;
const OPERATOR = { login: 'wh.counter', password: 'Lattice-wh-2026', name: '科华营业厅营业员 周婷' };
const HQ = { login: 'hq.admin', password: 'Lattice-hq-2026' };

let platform: RunningPlatform;
let browser: Browser;
let page: Page;
/** Script errors and anything the page's content security policy refused, on every screen. */
const scriptErrors: string[] = [];

/** What the record API itself answers a user: the ground truth the screens must show. */
const api = (login: TestUser, query: string, variables: Record<string, unknown> = {}) => recordApi(platform.url, login, query, variables);

const customers = (args: string) => `query($filter: CustomerFilter) { customers(${args}, filter: $filter) { totalCount nodes { name } } }`;
const rowNames = async () => page.locator('[data-test=rows] .el-table__body-wrapper tr td:nth-child(2)').allInnerTexts();
const shownTotal = async () => Number((await page.locator('[data-test=total]').innerText()).replace(/\D/g, ''));
/** What the screen shows once it has settled (a locator itself waits up to 30 s for its element). */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 40_000 });
const waitForRows = async (names: string[]) => eventually(rowNames).toEqual(names);

beforeAll(async () => {
  platform = await startExamplePlatform(3000, { LATTICE_ACCESS_TOKEN_SECONDS: String(ACCESS_TOKEN_SECONDS) });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text())) scriptErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the console, in Chromium, on the real platform with the telecom example', () => {
  it('refuses a wrong password with a clear message and keeps the user on the sign-in page', async () => {
    await page.goto(`${platform.url}/records/Customer`);
    await page.getByLabel('Login').fill(OPERATOR.login);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.locator('[data-test=sign-in-error]').innerText()).toContain('The login or password is wrong.');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.content()).not.toMatch(/at \w+ \(|stack/i);
    await screenshot(page, 'sign-in-wrong-password');
  });

  it('signs the Wuhou counter operator in, with their name, position and unit, back to the page they asked for', async () => {
    // By keyboard: Enter in the password field signs in.
    await page.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.waitForURL('**/records/Customer');
    await eventually(() => page.locator('[data-test=viewer-name]').innerText()).toBe(OPERATOR.name);
    expect(await page.locator('[data-test=viewer-unit]').innerText()).toContain('Counter operator');
    // Navigation holds the entities their metadata gives them.
    expect(await page.locator('[data-test=nav-Customer]').innerText()).toBe('Customers');
  });

  it('lists only the customers in their scope, a page at a time, as the API answers them', async () => {
    const mine = await api(OPERATOR, customers('first: 20, orderBy: [{ field: name, direction: ASC }]'));
    const everyone = await api(HQ, customers('first: 1'));
    expect(mine.customers.totalCount).toBeGreaterThan(20);
    expect(mine.customers.totalCount).toBeLessThan(everyone.customers.totalCount);
    await eventually(shownTotal).toBe(mine.customers.totalCount);

    // Sort by name (the column header), then page forward and back.
    await page.locator('[data-test=rows] th', { hasText: 'Name' }).first().click();
    await waitForRows(mine.customers.nodes.map((n: { name: string }) => n.name));
    await screenshot(page, 'customer-list');
    const second = await api(OPERATOR, `{ customers(first: 20, after: null, orderBy: [{ field: name, direction: ASC }]) { pageInfo { endCursor } } }`);
    const pageTwo = await api(OPERATOR, `query($after: String) { customers(first: 20, after: $after, orderBy: [{ field: name, direction: ASC }]) { nodes { name } } }`, { after: second.customers.pageInfo.endCursor });
    await page.locator('[data-test=page-next]').click();
    await waitForRows(pageTwo.customers.nodes.map((n: { name: string }) => n.name));
    expect(await page.locator('[data-test=page]').innerText()).toContain('Page 2');
    await page.locator('[data-test=page-previous]').click();
    await waitForRows(mine.customers.nodes.map((n: { name: string }) => n.name));

    // Descending on a second click.
    const descending = await api(OPERATOR, customers('first: 20, orderBy: [{ field: name, direction: DESC }]'));
    await page.locator('[data-test=rows] th', { hasText: 'Name' }).first().click();
    await waitForRows(descending.customers.nodes.map((n: { name: string }) => n.name));
  });

  it('lists every entity in the navigation without an error', async () => {
    const entities = await page.locator('nav [data-test^=nav-]').evaluateAll((items) => items.map((item) => item.getAttribute('data-test')!));
    expect(entities.length).toBeGreaterThan(3);
    for (const item of entities) {
      await page.locator(`[data-test=${item}]`).click();
      await page.waitForURL(`**/records/${item.slice('nav-'.length)}`);
      await page.locator('[data-test=list][aria-busy=false]').waitFor();
      expect(await page.locator('[data-test=list-error]').count(), item).toBe(0);
    }
    await page.locator('[data-test=nav-Customer]').click();
    await page.waitForURL('**/records/Customer');
  });

  it('shows a shared view: its columns, its filter on the user\'s own hall, its sort', async () => {
    const { viewer } = await api(OPERATOR, '{ viewer { positions { unitId } } }');
    const expected = await api(OPERATOR, customers('first: 50, orderBy: [{ field: name, direction: ASC }]'), { filter: { customerType: { eq: 'enterprise' }, orgUnitId: { eq: viewer.positions[0].unitId } } });
    expect(expected.customers.totalCount).toBeGreaterThan(0);
    await page.getByRole('combobox', { name: 'View' }).click({ force: true });
    await page.getByRole('option', { name: "My hall's enterprise customers" }).click();
    await eventually(shownTotal).toBe(expected.customers.totalCount);
    await waitForRows(expected.customers.nodes.map((n: { name: string }) => n.name));
    expect(await page.locator('[data-test=rows] th').allInnerTexts()).toEqual(expect.arrayContaining(['Name', 'Customer code', 'Industry']));
    expect(await page.locator('[data-test=rows] thead th.ascending').innerText()).toBe('Name');
    await screenshot(page, 'customer-view');
    await page.getByRole('combobox', { name: 'View' }).click({ force: true });
    await page.getByRole('option', { name: 'All records' }).click();
    await eventually(shownTotal).toBeGreaterThan(expected.customers.totalCount);
  });

  it('filters by text, by picklist values and selects rows in bulk', async () => {
    const filter = { name: { contains: '王' }, customerType: { in: ['individual'] } };
    const expected = await api(OPERATOR, customers('first: 20, orderBy: [{ field: name, direction: ASC }]'), { filter: { and: [{ name: filter.name }, { customerType: filter.customerType }] } });
    await page.locator('[data-test=rows] th', { hasText: 'Name' }).first().click();
    expect(expected.customers.totalCount).toBeGreaterThan(0);
    await page.getByLabel('Name contains').fill('王');
    await page.getByRole('combobox', { name: 'Customer type' }).click({ force: true });
    await page.getByRole('option', { name: 'Individual' }).click();
    await page.keyboard.press('Escape');
    await page.locator('[data-test=filter-apply]').click();
    await eventually(shownTotal).toBe(expected.customers.totalCount);
    await waitForRows(expected.customers.nodes.map((n: { name: string }) => n.name));
    for (const name of await rowNames()) expect(name).toContain('王');

    await page.locator('[data-test=rows] .el-table__body-wrapper tr').nth(0).locator('.el-checkbox').click();
    await page.locator('[data-test=rows] .el-table__body-wrapper tr').nth(1).locator('.el-checkbox').click();
    await eventually(() => page.locator('[data-test=selected]').innerText()).toBe('2 selected');
    expect(await page.locator('[data-test=rows] .el-table__body-wrapper .el-checkbox.is-checked').count()).toBe(2);
    await screenshot(page, 'customer-list-filtered');
  });

  it('renews the session below the screen: what is typed stays, and the next request works', async () => {
    const tokenNow = () => page.evaluate(() => JSON.parse(localStorage.getItem('lattice.session') ?? 'null')?.accessToken as string | undefined);
    const before = await tokenNow();
    await page.getByLabel('Customer code contains').fill('CUS2');
    await page.waitForTimeout((ACCESS_TOKEN_SECONDS - 14) * 1000);
    await page.locator('[data-test=filter-apply]').click();
    await eventually(tokenNow).not.toBe(before);
    expect(await page.getByLabel('Customer code contains').inputValue()).toBe('CUS2');
    expect(await page.getByLabel('Name contains').inputValue()).toBe('王');
    expect(new URL(page.url()).pathname).toBe('/records/Customer');
    const expected = await api(OPERATOR, customers('first: 20'), { filter: { and: [{ name: { contains: '王' } }, { customerType: { in: ['individual'] } }, { customerCode: { contains: 'CUS2' } }] } });
    await eventually(shownTotal).toBe(expected.customers.totalCount);
  });

  it('switches to Chinese, shows the metadata\'s Chinese labels and remembers the choice for this user', async () => {
    await page.getByRole('combobox', { name: 'Language' }).click({ force: true });
    await page.getByRole('option', { name: '中文' }).click();
    await eventually(() => page.locator('[data-test=nav-Customer]').innerText()).toBe('客户');
    expect(await page.locator('[data-test=rows] th').allInnerTexts()).toContain('客户名称');
    expect(await page.locator('[data-test=viewer-unit]').innerText()).toContain('营业员');
    await page.reload();
    await eventually(() => page.locator('[data-test=nav-Customer]').innerText()).toBe('客户');
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(1);
    await screenshot(page, 'customer-list-zh-CN');
  });

  it('runs every screen without a script error or a resource the security policy refused', () => {
    expect(scriptErrors).toEqual([]);
  });

  it('signs out: the list is no longer reachable, and sign-in speaks Chinese', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto(`${platform.url}/records/Customer`);
    await page.waitForURL('**/sign-in**');
    // Errors in the user's language too.
    await page.getByLabel('登录名').fill(OPERATOR.login);
    await page.getByLabel('密码', { exact: true }).fill('not-the-password-2');
    await page.getByRole('button', { name: '登录' }).click();
    await eventually(() => page.locator('[data-test=sign-in-error]').innerText()).toContain('登录名或密码错误');
    await screenshot(page, 'sign-in-zh-CN');
  });
});
