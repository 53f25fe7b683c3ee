import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startExamplePlatform, type RunningPlatform } from './platform-process.js';
import { launchChromium, screenshot } from './browser.js';
import { recordApi, type TestUser } from './record-api.js';

// The telecom example's users (examples/telecom-crm/org/org.yaml): the Wuhou hall's counter operator, the
// province's call-centre agent and Chengdu's installer (back office: reads complaints, may not change them).
const COUNTER = { login: 'wh.counter', password: 'Lattice-wh-2026' };
const AGENT = { login: 'sc.agent', password: 'Lattice-agent-2026' };
const INSTALLER = { login: 'cd.installer', password: 'Lattice-om-2026' };
// The group tariff's approval: Chengdu's customer manager submits, Chengdu's tariff approvers (any one) then Sichuan's (all) decide.
const MANAGER = { login: 'cd.manager', password: 'Lattice-cm-2026' };
const CITY_APPROVER = { login: 'cd.approver', password: 'Lattice-cdap-2026' };
const PROVINCE_APPROVER = { login: 'sc.approver', password: 'Lattice-scap-2026' };
const PROVINCE_APPROVER_2 = { login: 'sc.approver2', password: 'Lattice-scap2-2026' };

let platform: RunningPlatform;
let browser: Browser;
const scriptErrors: string[] = [];

const api = (user: TestUser, query: string, variables: Record<string, unknown> = {}) => recordApi(platform.url, user, query, variables);
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 40_000 });
const complaint = async (id: string) => (await api(AGENT, `query($id: ID!) { complaint(id: $id) { status severity resolution satisfaction returnVisitNote } }`, { id })).complaint;
const statusOf = async (user: TestUser, entity: string, id: string) => (await api(user, `query($e: String!, $id: ID!) { workflowStatus(entity: $e, id: $id) { state assigneeId transitions { key } } }`, { e: entity, id })).workflowStatus;

/** A signed-in page of its own (its own storage) for a user, at 1366×768. */
async function signIn(user: TestUser, next = '/', locale = 'en-US'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale })).newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text())) scriptErrors.push(message.text());
  });
  await page.goto(`${platform.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.locator('input[autocomplete=username], #login, input').first().waitFor();
  await page.getByLabel(locale.startsWith('zh') ? '登录名' : 'Login').fill(user.login);
  const password = page.getByLabel(locale.startsWith('zh') ? '密码' : 'Password', { exact: true });
  await password.fill(user.password);
  await password.press('Enter');
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  return page;
}

const dialog = (page: Page) => page.locator('.el-dialog:visible');
const inDialog = (page: Page, name: string) => dialog(page).locator(`[data-test=field-${name}]`);

beforeAll(async () => {
  platform = await startExamplePlatform(200);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the workflow screens, in Chromium, on the real platform with the telecom example', () => {
  it('a hall operator dispatches an accepted broadband order; its work order is in the installers\' queue and is claimed', async () => {
    const customer = (await api(COUNTER, `{ customers(first: 1) { nodes { id } } }`)).customers.nodes[0];
    const product = (await api(COUNTER, `{ products(first: 1) { nodes { id monthlyFee } } }`)).products.nodes[0];
    const order = (await api(COUNTER, `mutation($input: CustomerOrderCreateInput!) { createCustomerOrder(input: $input) { id } }`, { input: { customer: customer.id, channel: 'hall', orderType: 'new' } })).createCustomerOrder;
    await api(COUNTER, `mutation($input: OrderItemCreateInput!) { createOrderItem(input: $input) { id } }`, { input: { customerOrder: order.id, product: product.id, action: 'add', quantity: 1, unitPrice: product.monthlyFee ?? '99.00' } });

    const counter = await signIn(COUNTER, `/records/CustomerOrder/${order.id}`);
    await counter.locator('[data-test=workflow-panel]').waitFor({ timeout: 40_000 });
    expect(await counter.locator('[data-test=workflow-state]').innerText()).toBe('Accepted');
    // The counter may dispatch and cancel, not complete (that is the back office's).
    expect(await counter.locator('[data-test=workflow-actions] button').allInnerTexts()).toEqual(['Dispatch work orders', 'Cancel']);
    await screenshot(counter, 'workflow-order-accepted');
    await counter.locator('[data-test=transition-dispatch]').click();
    await dialog(counter).waitFor();
    await dialog(counter).locator('textarea').fill('Installation booked for Saturday');
    await screenshot(counter, 'workflow-order-dispatch-dialog');
    await dialog(counter).locator('[data-test=transition-confirm]').click();
    await eventually(() => counter.locator('[data-test=workflow-state]').innerText()).toBe('In fulfilment');
    expect(await statusOf(COUNTER, 'CustomerOrder', order.id)).toMatchObject({ state: 'in_fulfilment' });
    await counter.locator('[data-test=workflow-history] summary').click();
    await eventually(() => counter.locator('[data-test=workflow-history-entry]').first().innerText()).toContain('Accepted → In fulfilment');
    expect(await counter.locator('[data-test=workflow-history-entry]').first().innerText()).toContain('Installation booked for Saturday');
    await screenshot(counter, 'workflow-order-dispatched');
    await counter.context().close();

    // The installer's unit queue has the new work order, with its time left ticking.
    const [ours] = (await api(INSTALLER, `query($order: ID!) { workOrders(first: 5, filter: { customerOrder: { eq: $order } }) { nodes { id } } }`, { order: order.id })).workOrders.nodes;
    expect(ours).toBeDefined();
    const installer = await signIn(INSTALLER, '/queue');
    const row = installer.locator('[data-test=task-table] tbody tr', { has: installer.locator(`a[href$="${ours.id}"]`) });
    await eventually(() => row.count()).toBe(1);
    expect(await row.locator('[data-test=task-state]').innerText()).toBe('Waiting for an installer');
    const before = await row.locator('[data-test=time-left]').innerText();
    // The wait is in business hours, so what is left depends on when the test runs: hours and seconds today, days over a weekend.
    expect(before).toMatch(/^(\d+d \d+h \d\dm|(\d+h )?\d+m \d\ds) left$/);
    if (/\ds left$/.test(before)) await eventually(() => row.locator('[data-test=time-left]').innerText()).not.toBe(before);
    await screenshot(installer, 'workflow-installers-queue');
    // Claimed from the keyboard: Tab to the row's claim button, Enter.
    await row.locator('[data-test=task-claim]').focus();
    await installer.keyboard.press('Enter');
    await eventually(() => installer.locator('[data-test=task-notice]').innerText()).toBe('Claimed: it is in your tasks now.');
    expect((await statusOf(INSTALLER, 'WorkOrder', ours.id)).assigneeId).not.toBeNull();
    await eventually(() => row.count()).toBe(0);
    await installer.locator('[data-test=work-tasks]').click();
    const mine = installer.locator('[data-test=task-table] tbody tr', { has: installer.locator(`a[href$="${ours.id}"]`) });
    await eventually(() => mine.count()).toBe(1);
    await screenshot(installer, 'workflow-my-tasks');
    await mine.locator('[data-test=task-go]').click();
    await installer.locator('[data-test=workflow-panel]').waitFor();
    await eventually(() => installer.locator('[data-test=workflow-assignee]').innerText()).toContain('装维工程师 马强');
    expect(await installer.locator('[data-test=workflow-actions] button').allInnerTexts()).toEqual(['Start work']);
    await screenshot(installer, 'workflow-work-order-claimed');
    await installer.context().close();
  });

  it('a complaint is acknowledged, resolved with its required fields, return-visited with satisfaction; the read-only installer sees no transitions', async () => {
    const created = (await api(COUNTER, `mutation($input: ComplaintCreateInput!) { createComplaint(input: $input) { id } }`, { input: { category: 'complaint', summary: 'No signal at home since Monday' } })).createComplaint;
    const agent = await signIn(AGENT, `/records/Complaint/${created.id}`);
    await agent.locator('[data-test=workflow-panel]').waitFor({ timeout: 40_000 });
    expect(await agent.locator('[data-test=workflow-state]').innerText()).toBe('New');
    expect(await agent.locator('[data-test=workflow-assignee]').innerText()).toBe('In the queue Service desk');
    // The state moves only by transitions: its field is read-only on the form.
    expect(await agent.locator('[data-test=field-status]').getAttribute('data-read-only')).toBe('true');
    expect(await agent.locator('[data-test=time-left]').innerText()).toMatch(/^1h 5\dm \d\ds left$/);
    await agent.locator('[data-test=transition-acknowledge]').click();
    await dialog(agent).locator('[data-test=transition-confirm]').click();
    await eventually(() => agent.locator('[data-test=workflow-state]').innerText()).toBe('Being handled');
    expect(await agent.locator('[data-test=workflow-actions] button').allInnerTexts()).toEqual(['Wait for the customer', 'Resolve']);

    // Resolve asks for the resolution: refused in the browser while it is empty, nothing sent.
    await agent.locator('[data-test=transition-resolve]').click();
    await inDialog(agent, 'resolution').waitFor();
    await dialog(agent).locator('[data-test=transition-confirm]').click();
    await eventually(() => dialog(agent).locator('[data-test=error-resolution]').innerText()).toBe('Resolution is required for this step');
    expect((await complaint(created.id)).status).toBe('acknowledged');
    // Given, the server's guard refuses it still (no severity yet), with the workflow's own sentence.
    await inDialog(agent, 'resolution').locator('textarea').fill('Replaced the optical modem');
    await dialog(agent).locator('[data-test=transition-confirm]').click();
    await eventually(() => dialog(agent).locator('[data-test=transition-error]').innerText()).toBe('Set the severity before resolving');
    await screenshot(agent, 'workflow-complaint-guard');
    expect(await complaint(created.id)).toMatchObject({ status: 'acknowledged', resolution: null });
    await dialog(agent).locator('[data-test=transition-cancel]').click();
    await dialog(agent).waitFor({ state: 'hidden' });

    // The severity set on the record and saved; then the resolution goes through.
    await agent.locator('[data-test=field-severity] .el-select__wrapper').click();
    await agent.locator('.el-select-dropdown__item:visible').first().click();
    await agent.locator('[data-test=save]').click();
    await agent.locator('[data-test=saved]').waitFor();
    await eventually(async () => (await complaint(created.id)).severity).not.toBeNull();
    await agent.locator('[data-test=transition-resolve]').click();
    await inDialog(agent, 'resolution').locator('textarea').fill('Replaced the optical modem');
    await dialog(agent).locator('#transition-comment').fill('Customer confirmed the line works');
    await dialog(agent).locator('[data-test=transition-confirm]').click();
    await eventually(() => agent.locator('[data-test=workflow-state]').innerText()).toBe('Resolved, awaiting the return visit');
    expect(await complaint(created.id)).toMatchObject({ status: 'resolved', resolution: 'Replaced the optical modem' });

    // The installer may read the complaint but not change it: no transition offered.
    const installer = await signIn(INSTALLER, `/records/Complaint/${created.id}`);
    await installer.locator('[data-test=workflow-panel]').waitFor({ timeout: 40_000 });
    expect(await installer.locator('[data-test=workflow-state]').innerText()).toBe('Resolved, awaiting the return visit');
    expect(await installer.locator('[data-test=workflow-actions] button').count()).toBe(0);
    expect(await installer.locator('[data-test=no-transitions]').innerText()).toBe('Nothing for you to do in this state.');
    await screenshot(installer, 'workflow-complaint-read-only');
    await installer.context().close();

    // The return visit: satisfaction out of 1–5 refused by the runtime's check, then closed with 4.
    await agent.locator('[data-test=transition-return_visit]').click();
    await inDialog(agent, 'satisfaction').waitFor();
    await inDialog(agent, 'satisfaction').locator('input').fill('6');
    await inDialog(agent, 'returnVisitNote').locator('textarea').fill('Happy with the repair');
    await dialog(agent).locator('[data-test=transition-confirm]').click();
    await eventually(() => dialog(agent).locator('[data-test=error-satisfaction]').count()).toBe(1);
    expect((await complaint(created.id)).status).toBe('resolved');
    await screenshot(agent, 'workflow-complaint-return-visit');
    await inDialog(agent, 'satisfaction').locator('input').fill('4');
    await dialog(agent).locator('[data-test=transition-confirm]').click();
    await eventually(() => agent.locator('[data-test=workflow-state]').innerText()).toBe('Closed');
    expect(await complaint(created.id)).toMatchObject({ status: 'closed', satisfaction: 4, returnVisitNote: 'Happy with the repair' });
    expect(await agent.locator('[data-test=workflow-actions]').count()).toBe(0);
    await agent.locator('[data-test=workflow-history] summary').click();
    const history = await agent.locator('[data-test=workflow-history-entry]').allInnerTexts();
    expect(history.map((h) => h.split('\n')[0])).toEqual(expect.arrayContaining([expect.stringContaining('Resolved, awaiting the return visit → Closed'), expect.stringContaining('Being handled → Resolved'), expect.stringContaining('New → Being handled'), expect.stringContaining('Started in New')]));
    await screenshot(agent, 'workflow-complaint-closed');
    await agent.context().close();

    // A second complaint of the counter's, closed through the API: two notices for the counter now.
    const second = (await api(COUNTER, `mutation($input: ComplaintCreateInput!) { createComplaint(input: $input) { id } }`, { input: { category: 'complaint', summary: 'Slow broadband in the evening', severity: 'normal' } })).createComplaint.id as string;
    for (const [transition, input] of [['acknowledge', {}], ['resolve', { resolution: 'Changed the port' }], ['return_visit', { satisfaction: 5, returnVisitNote: 'Fast now' }]] as const) {
      const { version } = (await api(AGENT, `query($id: ID!) { complaint(id: $id) { version } }`, { id: second })).complaint;
      await api(AGENT, `mutation($id: ID!, $v: Int!, $t: String!, $i: JSON) { fireTransition(entity: "Complaint", id: $id, version: $v, transition: $t, input: $i) { state } }`, { id: second, v: version, t: transition, i: input });
    }
    const unread = async () => (await api(COUNTER, `{ myNotifications { id recordId read } }`)).myNotifications.filter((n: { read: boolean }) => !n.read) as { id: string; recordId: string }[];
    await eventually(async () => (await unread()).length).toBeGreaterThanOrEqual(2);
    const before = (await unread()).length;

    // The counter operator who took the complaints is told, in the bell; opening a notice reads it.
    const counter = await signIn(COUNTER);
    await eventually(() => counter.locator('[data-test=notification-count] sup').innerText()).toBe(String(before));
    await counter.locator('[data-test=notification-bell]').click();
    await eventually(() => counter.locator('[data-test=notification]').allInnerTexts()).toContain('The complaint is closed after the return visit');
    expect(await counter.locator('[data-test=notification-item][data-read=false]').count()).toBe(before);
    await screenshot(counter, 'workflow-notifications');
    await counter.locator('[data-test=notification-item]', { has: counter.locator('a', { hasText: 'The complaint is closed' }) }).first().locator('a').click();
    await counter.waitForURL((url) => url.pathname.startsWith('/records/Complaint/'));
    await eventually(async () => (await unread()).length).toBe(before - 1);
    expect((await unread()).map((n) => n.recordId)).not.toContain(counter.url().split('/').at(-1));
    await eventually(() => counter.locator('[data-test=notification-count] sup').innerText()).toBe(String(before - 1));
    await counter.context().close();

    // In Chinese, "mark all read" clears the count, for this user only.
    const agentUnread = (await api(AGENT, `{ myNotifications { read } }`)).myNotifications.filter((n: { read: boolean }) => !n.read).length;
    const zh = await signIn(COUNTER, '/', 'zh-CN');
    await eventually(() => zh.locator('[data-test=notification-count] sup').innerText()).toBe(String(before - 1));
    await zh.locator('[data-test=notification-bell]').click();
    expect(await zh.locator('[data-test=notifications-read-all]').innerText()).toBe('全部标为已读');
    await screenshot(zh, 'workflow-notifications-zh-CN');
    await zh.locator('[data-test=notifications-read-all]').click();
    await eventually(() => zh.locator('[data-test=notification-item][data-read=false]').count()).toBe(0);
    await eventually(() => zh.locator('[data-test=notification-count] sup').isVisible()).toBe(false);
    expect(await unread()).toEqual([]);
    expect((await api(AGENT, `{ myNotifications { read } }`)).myNotifications.filter((n: { read: boolean }) => !n.read).length).toBe(agentUnread);
    await screenshot(zh, 'workflow-notifications-all-read-zh-CN');
    await zh.context().close();
  });

  it('a group tariff approved by the city and both of the province\'s approvers is then priced in the group\'s quote, and not before', async () => {
    const group = (await api(MANAGER, `mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`, { input: { customerType: 'enterprise', customerClass: 'group', name: '成都智慧交通集团', idType: 'business_licence', idNumber: '91510100MA7B54321Y', industry: 'information_technology' } })).createCustomer;
    const tariff = (await api(MANAGER, `mutation($input: GroupTariffCreateInput!) { createGroupTariff(input: $input) { id } }`, { input: { groupCustomer: group.id, offering: 'm_5g_129', component: 'monthly_fee', price: '99.00', justification: '集团成员 300 线，三年合约' } })).createGroupTariff.id as string;
    const QUOTE = `query($c: ID!, $g: String, $l: JSON!) { priceQuote(customerId: $c, groupCustomer: $g, lines: $l) }`;
    const truth = async () => (await api(MANAGER, QUOTE, { c: group.id, g: group.id, l: [{ offering: 'm_5g_129', quantity: 300 }] })).priceQuote;

    // The manager prices 300 lines of the 5G plan on the group's overview: the list price, no group tariff, while it is a draft and under approval.
    const manager = await signIn(MANAGER, `/records/Customer/${group.id}/overview`);
    const quote = manager.locator('[data-test=quote]');
    const priceIt = async () => {
      await quote.locator('[data-test=quote-line-0] [data-test=quote-offering]').click();
      await manager.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '5G plan 129' }).click();
      await quote.locator('[data-test=quote-quantity] input').fill('300');
      await quote.locator('[data-test=quote-price]').click();
      await quote.locator('[data-test=quote-lines]').waitFor();
    };
    const priceShown = () => quote.locator('[data-test=quote-lines] tbody tr').first().locator('td').nth(3).innerText();
    await priceIt();
    expect(await priceShown()).toBe('129.00');
    expect(await quote.locator('[data-test=quote-group-tariffs]').count()).toBe(0);
    await manager.goto(`${platform.url}/records/GroupTariff/${tariff}`);
    await manager.locator('[data-test=transition-submit]').click();
    await dialog(manager).locator('[data-test=transition-confirm]').click();
    await eventually(() => manager.locator('[data-test=workflow-state]').innerText()).toBe('Under approval');
    await manager.goto(`${platform.url}/records/Customer/${group.id}/overview`);
    await priceIt();
    expect(await priceShown()).toBe('129.00');
    expect(await quote.locator('[data-test=quote-group-tariffs]').count()).toBe(0);
    await screenshot(manager, 'workflow-group-quote-before-approval');

    // The city's approver, then each of the province's (all of them decide at that level), approve in their inboxes.
    for (const [user, comment] of [[CITY_APPROVER, '价格在地市授权范围内'], [PROVINCE_APPROVER, '省公司政企部同意'], [PROVINCE_APPROVER_2, '省公司市场部同意']] as const) {
      const approver = await signIn(user, '/approvals');
      const card = approver.locator('.el-card', { has: approver.locator(`a[href$="${tariff}"]`) });
      await eventually(() => card.count()).toBe(1);
      await card.locator('textarea').fill(comment);
      await card.locator('[data-test=approval-approve]').click();
      await eventually(() => approver.locator('[data-test=approval-notice]').innerText()).toBe('Your decision is recorded.');
      await eventually(() => card.count()).toBe(0);
      await approver.context().close();
    }
    expect((await statusOf(MANAGER, 'GroupTariff', tariff)).state).toBe('approved');

    // Approved: the group's quote prices the plan at the group price and names the tariff; the totals are the platform's.
    await priceIt();
    const approved = await truth();
    expect(approved.groupTariffs).toMatchObject([{ line: 0, status: 'approved', applied: true }]);
    expect(await priceShown()).toBe('99.00');
    expect(await quote.locator('[data-test=quote-group-tariffs]').innerText()).toContain(`Group tariff ${approved.groupTariffs[0].tariff} applied`);
    expect(await quote.locator('[data-test=quote-monthly]').innerText()).toBe(`¥${approved.totals.monthly}`);
    await screenshot(manager, 'workflow-group-quote-approved');
    await manager.goto(`${platform.url}/records/GroupTariff/${tariff}`);
    await manager.locator('[data-test=workflow-history] summary').click();
    const entries = await manager.locator('[data-test=workflow-history-entry]').allInnerTexts();
    expect(entries[0]).toContain('Under approval → Approved');
    // The decisions that left it under approval read as decisions, with their comments.
    const decided = entries.filter((e) => e.startsWith('Approved at this level'));
    expect(decided).toHaveLength(2);
    expect(decided[0]).toContain('省公司政企部同意');
    expect(decided[1]).toContain('价格在地市授权范围内');
    // The record's audit history has each decision, with its level and comment.
    await eventually(() => manager.locator('[data-test=audit-decision]').allInnerTexts()).toEqual(['Level 2: approved: 省公司市场部同意', 'Level 2: approved: 省公司政企部同意', 'Level 1: approved: 价格在地市授权范围内']);
    await screenshot(manager, 'workflow-group-tariff-approved');
    await manager.context().close();
  });

  it('the approval inbox: submitted from the record page, refused without a comment, approved by the city, rejected back to the draft by the province; recall; delegation', async () => {
    const group = (await api(MANAGER, `mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`, { input: { customerType: 'enterprise', customerClass: 'group', name: '成都数字城市集团', idType: 'business_licence', idNumber: '91510100MA7A12345X', industry: 'information_technology' } })).createCustomer;
    const draft = async () => (await api(MANAGER, `mutation($input: GroupTariffCreateInput!) { createGroupTariff(input: $input) { id } }`, { input: { groupCustomer: group.id, offering: 'm_5g_129', component: 'monthly_fee', price: '99.00', justification: '集团成员 300 线，三年合约' } })).createGroupTariff.id as string;
    const tariff = await draft();
    const tariffState = async (id: string) => (await api(MANAGER, `query($id: ID!) { workflowStatus(entity: "GroupTariff", id: $id) { state approval { level } } }`, { id })).workflowStatus;

    // The manager submits it on its page; the approval shows with its level and who decides, and may be recalled.
    const manager = await signIn(MANAGER, `/records/GroupTariff/${tariff}`);
    await manager.locator('[data-test=transition-submit]').click();
    await dialog(manager).locator('[data-test=transition-confirm]').click();
    await eventually(() => manager.locator('[data-test=workflow-state]').innerText()).toBe('Under approval');
    expect(await manager.locator('[data-test=workflow-approval]').innerText()).toContain('Level 1 of 2');
    expect(await manager.locator('[data-test=approval-recall]').count()).toBe(1);
    await screenshot(manager, 'workflow-approval-submitted');

    // The city's approver: a rejection without a comment is refused in the browser, then approved with one.
    const city = await signIn(CITY_APPROVER, '/approvals');
    const card = city.locator('.el-card', { has: city.locator(`a[href$="${tariff}"]`) });
    await eventually(() => card.count()).toBe(1);
    expect(await card.locator('[data-test=approval-level]').innerText()).toContain('Level 1 of 2');
    await card.locator('[data-test=approval-reject]').click();
    await eventually(() => card.locator('[data-test=approval-comment-error]').innerText()).toBe('A rejection needs a comment: say why.');
    expect((await tariffState(tariff)).state).toBe('under_approval');
    await screenshot(city, 'workflow-approval-inbox');
    await card.locator('textarea').fill('价格在地市授权范围内');
    await card.locator('[data-test=approval-approve]').click();
    await eventually(() => city.locator('[data-test=approval-notice]').innerText()).toBe('Your decision is recorded.');
    await eventually(() => card.count()).toBe(0);
    expect((await tariffState(tariff)).approval).toMatchObject({ level: 2 });
    await city.context().close();

    // The province rejects it back to the draft, with a comment; the state follows.
    const province = await signIn(PROVINCE_APPROVER, '/approvals');
    const provinceCard = province.locator('.el-card', { has: province.locator(`a[href$="${tariff}"]`) });
    await eventually(() => provinceCard.count()).toBe(1);
    expect(await provinceCard.innerText()).toContain('成都政企客户部经理 邓丽');
    await provinceCard.locator('textarea').fill('三年合约价格低于省公司底线');
    await provinceCard.locator('[data-test=approval-reject-to] .el-select__wrapper').click();
    await province.locator('.el-select-dropdown__item:visible', { hasText: 'Draft' }).click();
    await provinceCard.locator('[data-test=approval-reject]').click();
    await eventually(async () => (await tariffState(tariff)).state).toBe('draft');
    await eventually(() => provinceCard.count()).toBe(0);
    const me = (await api(PROVINCE_APPROVER, `{ viewer { id } }`)).viewer.id;
    await province.context().close();

    // The manager recalls a second one from its page before anyone decided.
    const second = await draft();
    await manager.goto(`${platform.url}/records/GroupTariff/${second}`);
    await manager.locator('[data-test=transition-submit]').click();
    await dialog(manager).locator('[data-test=transition-confirm]').click();
    await eventually(() => manager.locator('[data-test=workflow-state]').innerText()).toBe('Under approval');
    await manager.locator('[data-test=approval-recall]').click();
    await eventually(() => manager.locator('[data-test=workflow-state]').innerText()).toBe('Draft');
    expect((await tariffState(second)).state).toBe('draft');
    await manager.context().close();

    // The second province approver delegates to the first while away.
    const away = await signIn(PROVINCE_APPROVER_2, '/approvals');
    // The delegate is picked by name among the colleagues offered: Chengdu's approver (a unit below) is not one of them.
    await away.locator('[data-test=delegate-select] .el-select__wrapper').click();
    await away.locator('[data-test=delegate-select] input').fill('邓丽');
    await eventually(() => away.locator('.el-select-dropdown:visible').innerText()).toContain('Nobody of that name in your units or above');
    await away.locator('[data-test=delegate-select] input').fill('彭辉');
    await away.locator('.el-select-dropdown__item:visible', { hasText: '(sc.approver)' }).click();
    await away.getByLabel('From').fill('2026-12-01T09:00');
    await away.getByLabel('Until').fill('2099-12-31T18:00');
    await away.locator('[data-test=delegate-save]').click();
    await eventually(() => away.locator('[data-test=delegation-current]').innerText()).toContain('四川政企客户部总经理 彭辉');
    expect((await api(PROVINCE_APPROVER_2, `{ myApprovalDelegation { delegateId } }`)).myApprovalDelegation.delegateId).toBe(me);
    await screenshot(away, 'workflow-approval-delegation');
    await away.context().close();
  });

  it('works in Chinese: the state, the transitions, the queue and the time left in zh-CN', async () => {
    const created = (await api(COUNTER, `mutation($input: ComplaintCreateInput!) { createComplaint(input: $input) { id } }`, { input: { category: 'complaint', summary: '宽带经常掉线' } })).createComplaint;
    const agent = await signIn(AGENT, `/records/Complaint/${created.id}`, 'zh-CN');
    await agent.locator('[data-test=workflow-panel]').waitFor({ timeout: 40_000 });
    expect(await agent.locator('[data-test=workflow-state]').innerText()).toBe('待受理');
    expect(await agent.locator('[data-test=workflow-assignee]').innerText()).toBe('所在队列：客服受理队列');
    expect(await agent.locator('[data-test=time-left]').innerText()).toMatch(/^剩余 1小时 5\d分 \d\d秒$/);
    // From the keyboard: the transition's button opens its dialog, the comment is typed, Confirm fires it.
    await agent.locator('[data-test=transition-acknowledge]').focus();
    await agent.keyboard.press('Enter');
    await dialog(agent).waitFor();
    expect(await dialog(agent).locator('.el-dialog__title').innerText()).toBe('受理');
    await dialog(agent).locator('#transition-comment').focus();
    await agent.keyboard.type('已电话联系用户');
    await agent.keyboard.press('Tab');
    await agent.keyboard.press('Tab');
    await agent.keyboard.press('Enter');
    await eventually(() => agent.locator('[data-test=workflow-state]').innerText()).toBe('处理中');
    expect(await agent.locator('[data-test=workflow-actions] button').allInnerTexts()).toEqual(['等待用户', '处理完成']);
    expect((await api(AGENT, `query($id: ID!) { workflowStatus(entity: "Complaint", id: $id) { history { comment } } }`, { id: created.id })).workflowStatus.history.at(-1).comment).toBe('已电话联系用户');
    await screenshot(agent, 'workflow-complaint-zh-CN');
    // Switching to English reads the labels again.
    await agent.locator('[data-test=language]').click();
    await agent.locator('.el-select-dropdown__item:visible', { hasText: 'English' }).click();
    await eventually(() => agent.locator('[data-test=workflow-state]').innerText()).toBe('Being handled');
    await agent.locator('[data-test=work-queue]').click();
    await eventually(() => agent.locator('[data-test=tasks-queue] h1').innerText()).toBe('My unit\'s queue');
    await agent.locator('[data-test=language]').click();
    await agent.locator('.el-select-dropdown__item:visible', { hasText: '中文' }).click();
    await eventually(() => agent.locator('[data-test=tasks-queue] h1').innerText()).toBe('本单位队列');
    await eventually(async () => (await agent.locator('[data-test=task-state]').allInnerTexts()).every((s) => /[\u4e00-\u9fff]/.test(s))).toBe(true);
    await screenshot(agent, 'workflow-queue-zh-CN');
    await agent.context().close();
    expect(scriptErrors).toEqual([]);
  });
});
