import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startExamplePlatform, type RunningPlatform } from './platform-process.js';
import { launchChromium, screenshot } from './browser.js';
import { recordApi, type TestUser } from './record-api.js';

// The telecom example's users (examples/telecom-crm/org/org.yaml): Chengdu's admin (edits the layers of
// Chengdu's units), the Wuhou Kehua hall's counter operator, Chengdu's installer, and the head of Sichuan,
// the installer's supervisor, whom the installers' example limit escalates to (`unitHeadAbove`).
const CITY_ADMIN = { login: 'cd.admin', password: 'Lattice-cd-2026' };
const COUNTER = { login: 'wh.counter', password: 'Lattice-wh-2026' };
const INSTALLER = { login: 'cd.installer', password: 'Lattice-om-2026' };
const SUPERVISOR = { login: 'sc.admin', password: 'Lattice-sc-2026' };

// The example's installers' limit is four business hours: too long to wait for. Chengdu's admin gives the
// Kehua hall's work orders a limit of 36 seconds on the clock, as an operator trying the escalation would.
const HALL_LAYER = {
  kind: 'layer',
  key: 'sc_cd_wh_h1',
  workflows: [{ key: 'work_order_fulfilment', states: [{ key: 'queued', timeLimit: { hours: 0.01, warnAt: 0.5, escalate: [{ to: 'unitHeadAbove' }] } }] }],
};

let platform: RunningPlatform;
let browser: Browser;
const scriptErrors: string[] = [];

const api = (user: TestUser, query: string, variables: Record<string, unknown> = {}) => recordApi(platform.url, user, query, variables);
const eventually = <T>(read: () => Promise<T>, timeout = 40_000) => expect.poll(read, { timeout, interval: 500 });
const statusOf = async (user: TestUser, entity: string, id: string) =>
  (await api(user, `query($e: String!, $id: ID!) { workflowStatus(entity: $e, id: $id) { state assigneeId assigneeName dueAt history { kind comment } } }`, { e: entity, id })).workflowStatus;

/** The admin API as a user signed in by password (what the designer's layer screens call). */
async function adminApi(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const signIn = await fetch(`${platform.url}/auth/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($l: String!, $p: String!) { signIn(login: $l, password: $p) { accessToken } }', variables: { l: user.login, p: user.password } }) });
  const token = ((await signIn.json()) as any).data.signIn.accessToken as string;
  const answer = (await (await fetch(`${platform.url}/admin/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) })).json()) as any;
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

async function signIn(user: TestUser, next = '/'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  await page.goto(`${platform.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Login').fill(user.login);
  const password = page.getByLabel('Password', { exact: true });
  await password.fill(user.password);
  await password.press('Enter');
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  return page;
}

const dialog = (page: Page) => page.locator('.el-dialog:visible');

beforeAll(async () => {
  // Timers polled every half second, the outbox delivered as often: a breach shows within a second or two.
  platform = await startExamplePlatform(200, { LATTICE_TIMER_POLL_MS: '500', LATTICE_TIMER_SWEEP_MS: '1000', LATTICE_OUTBOX_INTERVAL_MS: '500' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('a work order breaches its time limit and escalates, in Chromium, on the real platform', () => {
  it('the hall\'s order is dispatched, its work order claimed and left waiting; it breaches and the supervisor has it, overdue, with the escalation in its history and the bell', async () => {
    // Chengdu's admin publishes the hall's layer: the work orders of the hall's records started from now on follow it.
    expect((await adminApi(CITY_ADMIN, `mutation($l: JSON!) { saveLayer(layer: $l) { problems { code path message } } }`, { l: HALL_LAYER })).saveLayer.problems).toEqual([]);
    const plan = (await adminApi(CITY_ADMIN, `{ plan { hash fromVersion } }`)).plan;
    expect((await adminApi(CITY_ADMIN, `mutation($h: String, $b: Int) { publish(planHash: $h, baseVersion: $b, comment: "Kehua hall: a short installers' limit to try the escalation") { version } }`, { h: plan.hash, b: plan.fromVersion })).publish.version).toBeGreaterThan(1);

    const customer = (await api(COUNTER, `{ customers(first: 1) { nodes { id } } }`)).customers.nodes[0];
    const product = (await api(COUNTER, `{ products(first: 1) { nodes { id monthlyFee } } }`)).products.nodes[0];
    const order = (await api(COUNTER, `mutation($input: CustomerOrderCreateInput!) { createCustomerOrder(input: $input) { id } }`, { input: { customer: customer.id, channel: 'hall', orderType: 'new' } })).createCustomerOrder;
    await api(COUNTER, `mutation($input: OrderItemCreateInput!) { createOrderItem(input: $input) { id } }`, { input: { customerOrder: order.id, product: product.id, action: 'add', quantity: 1, unitPrice: product.monthlyFee ?? '99.00' } });

    // The counter dispatches the accepted order on its page.
    const counter = await signIn(COUNTER, `/records/CustomerOrder/${order.id}`);
    await counter.locator('[data-test=transition-dispatch]').click({ timeout: 40_000 });
    await dialog(counter).locator('[data-test=transition-confirm]').click();
    await eventually(() => counter.locator('[data-test=workflow-state]').innerText()).toBe('In fulfilment');
    await counter.context().close();

    // The installer finds the work order in the queue with the hall's short limit, claims it, and does not start it.
    const [workOrder] = (await api(INSTALLER, `query($order: ID!) { workOrders(first: 5, filter: { customerOrder: { eq: $order } }) { nodes { id } } }`, { order: order.id })).workOrders.nodes;
    expect(workOrder).toBeDefined();
    const installer = await signIn(INSTALLER, '/queue');
    const row = installer.locator('[data-test=task-table] tbody tr', { has: installer.locator(`a[href$="${workOrder.id}"]`) });
    await eventually(() => row.count()).toBe(1);
    expect(await row.locator('[data-test=time-left]').innerText()).toMatch(/^0m [0-3]\ds left$/);
    await row.locator('[data-test=task-claim]').click();
    await eventually(() => installer.locator('[data-test=task-notice]').innerText()).toBe('Claimed: it is in your tasks now.');
    await installer.context().close();

    // The breach: the timer escalates to the head of the unit above, and the work is theirs now.
    const supervisorId = (await api(SUPERVISOR, `{ viewer { id } }`)).viewer.id;
    await eventually(async () => (await statusOf(INSTALLER, 'WorkOrder', workOrder.id)).assigneeId, 90_000).toBe(supervisorId);
    const escalated = await statusOf(SUPERVISOR, 'WorkOrder', workOrder.id);
    expect(escalated).toMatchObject({ state: 'queued', assigneeName: '四川区域管理员 张伟' });
    expect(escalated.history.at(-1)).toMatchObject({ kind: 'escalate', comment: expect.stringMatching(/^Not done within 1 minute in "/) });

    // The supervisor, signed in: the work order is in their tasks, overdue, the time past due shown and growing.
    const supervisor = await signIn(SUPERVISOR, '/tasks');
    const theirs = supervisor.locator('[data-test=task-table] tbody tr', { has: supervisor.locator(`a[href$="${workOrder.id}"]`) });
    await eventually(() => theirs.count()).toBe(1);
    const late = theirs.locator('[data-test=time-left]');
    expect(await late.innerText()).toMatch(/^Overdue by \d+m \d\ds$/);
    expect(await late.getAttribute('data-overdue')).toBe('true');
    const first = await late.innerText();
    await eventually(() => late.innerText()).not.toBe(first);
    expect(await theirs.locator('[data-test=task-state]').innerText()).toBe('Waiting for an installer');
    await screenshot(supervisor, 'workflow-escalated-supervisor-tasks');

    // The bell has the escalation's notice; it opens the record, whose history shows the escalation.
    await eventually(() => supervisor.locator('[data-test=notification-count] sup').innerText()).toMatch(/^[1-9]/);
    await supervisor.locator('[data-test=notification-bell]').click();
    const notice = supervisor.locator('[data-test=notification]', { hasText: 'Escalated to you: Not done within' });
    await eventually(() => notice.count()).toBeGreaterThan(0);
    await screenshot(supervisor, 'workflow-escalated-supervisor-bell');
    await notice.first().click();
    await supervisor.waitForURL((url) => url.pathname === `/records/WorkOrder/${workOrder.id}`);
    await supervisor.locator('[data-test=workflow-panel]').waitFor({ timeout: 40_000 });
    expect(await supervisor.locator('[data-test=workflow-assignee]').innerText()).toContain('四川区域管理员 张伟');
    expect(await supervisor.locator('[data-test=time-left]').innerText()).toMatch(/^Overdue by /);
    await supervisor.locator('[data-test=workflow-history] summary').click();
    const top = supervisor.locator('[data-test=workflow-history-entry]').first();
    expect(await top.innerText()).toContain('Escalated');
    expect(await top.innerText()).toContain('Not done within 1 minute in "Waiting for an installer"');
    expect(await supervisor.locator('[data-test=workflow-history-entry]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('Claimed')]));
    await screenshot(supervisor, 'workflow-escalated-record-history');
    await supervisor.context().close();

    // The installer no longer has it in their tasks.
    const after = await signIn(INSTALLER, '/tasks');
    await after.locator('[data-test=tasks-mine]').waitFor();
    await after.waitForLoadState('networkidle');
    expect(await after.locator(`[data-test=task-table] a[href$="${workOrder.id}"]`).count()).toBe(0);
    await after.context().close();
    expect(scriptErrors).toEqual([]);
  }, 240_000);
});
