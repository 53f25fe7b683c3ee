import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startExamplePlatform, type RunningPlatform } from './platform-process.js';
import { launchChromium, screenshot } from './browser.js';
import { recordApi, type TestUser } from './record-api.js';

// The telecom example's users (examples/telecom-crm/org/org.yaml): the group's HQ business admin designs,
// the Wuhou hall's counter operator logs complaints, the province's call-centre agent handles them.
const HQ = { login: 'hq.admin', password: 'Lattice-hq-2026' };
const COUNTER = { login: 'wh.counter', password: 'Lattice-wh-2026' };
const AGENT = { login: 'sc.agent', password: 'Lattice-agent-2026' };
const CHENGDU = { login: 'cd.admin', password: 'Lattice-cd-2026' };

let platform: RunningPlatform;
let browser: Browser;
const scriptErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 40_000 });
const api = (user: TestUser, query: string, variables: Record<string, unknown> = {}) => recordApi(platform.url, user, query, variables);
const statusOf = async (id: string) => (await api(AGENT, `query($id: ID!) { workflowStatus(entity: "Complaint", id: $id) { state definitionVersion transitions { key } } }`, { id })).workflowStatus;
const createComplaint = async (summary: string) => (await api(COUNTER, `mutation($input: ComplaintCreateInput!) { createComplaint(input: $input) { id } }`, { input: { category: 'complaint', summary } })).createComplaint as { id: string };

/** What the admin API answers a user, errors included. */
async function adminCall(user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[] }> {
  const signIn = await fetch(`${platform.url}/auth/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($l: String!, $p: String!) { signIn(login: $l, password: $p) { accessToken } }', variables: { l: user.login, p: user.password } }) });
  const token = ((await signIn.json()) as any).data.signIn.accessToken as string;
  return ((await (await fetch(`${platform.url}/admin/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) })).json()) as any);
}

/** A signed-in page of its own for a user, at 1366×768. */
async function signIn(user: TestUser, next: string, lands = next): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text())) scriptErrors.push(message.text());
  });
  await page.goto(`${platform.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Login').fill(user.login);
  const password = page.getByLabel('Password', { exact: true });
  await password.fill(user.password);
  await password.press('Enter');
  await page.waitForURL((url) => url.pathname === lands);
  return page;
}

/** The text box of an input by its data-test (Element Plus puts it on the input itself, or on a wrapper around it). */
const inputOf = (within: Locator, name: string) => within.locator(`[data-test=${name}]`).locator('xpath=descendant-or-self::input').first();

/** Picks options of an Element Plus select by its text. */
async function choose(page: Page, select: Locator, ...options: (string | RegExp)[]) {
  await select.click();
  for (const option of options) await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click();
  await page.keyboard.press('Escape');
  await eventually(() => page.locator('.el-select-dropdown:visible').count()).toBe(0);
}

async function language(page: Page, name: 'English' | '中文') {
  await page.getByRole('combobox', { name: /Language|语言/ }).click({ force: true });
  await page.getByRole('option', { name }).click();
}

beforeAll(async () => {
  platform = await startExamplePlatform(50);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the workflow editor, in Chromium, on the real platform with the telecom example', () => {
  it('an HQ admin adds a triage step through the console and publishes it with no restart: open complaints finish on theirs, new ones go through triage', async () => {
    const open = await createComplaint('Broadband drops every evening');
    const before = await statusOf(open.id);
    expect(before.state).toBe('new');

    const page = await signIn(HQ, '/design/workflows/complaint_handling');
    const list = page.locator('[data-test=workflow-list]');
    await eventually(() => list.locator('[data-test=workflow-complaint_handling]').innerText()).toContain('starts at New · 5 states · 6 transitions');
    expect(await list.innerText()).toContain('Order · starts at Accepted · 4 states · 3 transitions');
    const picture = page.locator('[data-test=process-picture]');
    expect(await picture.locator('[data-test^=state-]').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-test')))).toEqual(['state-new', 'state-acknowledged', 'state-waiting_customer', 'state-resolved', 'state-closed']);
    expect(await picture.locator('[data-test=state-new]').innerText()).toContain('2 h');
    expect(await picture.locator('[data-test=state-waiting_customer]').innerText()).toContain('stops the clock');

    // An existing transition as the editor reads it: who may make it, what it requires, its guard in the condition builder, its actions summed up.
    await picture.locator('[data-test=select-transition-resolve]').click();
    const resolve = page.locator('[data-test=transition-editor]');
    expect(await resolve.locator('[data-test=transition-required]').innerText()).toContain('(resolution)');
    const guardRow = resolve.locator('[data-test=logic-guard] [data-test=condition-row]');
    expect(await guardRow.count()).toBe(1);
    expect(await guardRow.locator('[data-test=condition-fact]').innerText()).toContain('Severity');
    expect(await guardRow.locator('[data-test=condition-operator]').innerText()).toContain('notEqual');
    expect(await inputOf(resolve, 'guard-message-en').inputValue()).toBe('Set the severity before resolving');
    expect(await resolve.locator('[data-test=transition-actions]').innerText()).toContain('set resolvedAt ← $now');

    await screenshot(page, 'workflow-designer-guard');

    // A new state, labelled in both languages: no transition reaches it yet, and the runtime says so beside it.
    await page.locator('[data-test=new-state-key]').fill('Triage');
    expect(await page.locator('[data-test=add-state]').isDisabled()).toBe(true);
    await page.locator('[data-test=new-state-key]').fill('triage');
    await page.locator('[data-test=add-state]').click();
    const editor = page.locator('[data-test=state-editor]');
    await inputOf(editor, 'state-label-en').fill('Triage');
    await inputOf(editor, 'state-label-zh').fill('分诊');
    await editor.locator('[data-test=state-has-limit]').click();
    await inputOf(editor, 'limit-amount').fill('4');
    await inputOf(editor, 'limit-amount').press('Tab');
    await choose(page, editor.locator('[data-test=limit-unit]'), 'business hours');
    await inputOf(editor, 'limit-warn').fill('50');
    await inputOf(editor, 'limit-warn').press('Tab');
    await editor.locator('[data-test=limit-add-target]').click();
    const triageBox = picture.locator('[data-test=state-triage]');
    await eventually(() => triageBox.locator('[data-test=state-problem]').innerText()).toContain('no transition leads to "triage" from the initial state "new"');
    expect(await triageBox.innerText()).toContain('4 business h');
    await eventually(() => editor.locator('[data-test=problem]').first().innerText()).toContain('workflows[complaint_handling].states[triage]');
    expect(await page.locator('[data-test=save-draft]').isDisabled()).toBe(false);
    await screenshot(page, 'workflow-designer-problem');

    // acknowledge now leads to triage: the states after it are cut off until triage has a way out.
    await picture.locator('[data-test=select-transition-acknowledge]').click();
    const transition = page.locator('[data-test=transition-editor]');
    await choose(page, transition.locator('[data-test=transition-to]'), 'Triage (triage)');
    await eventually(() => picture.locator('[data-test=state-triage] [data-test=state-problem]').innerText()).toContain('no transition leaves it');
    expect(await picture.locator('[data-test=state-acknowledged] [data-test=state-problem]').innerText()).toContain('no transition leads to "acknowledged"');

    // triage_done, from triage to acknowledged, for the call centre and supervisors: the workflow is whole again.
    await picture.locator('[data-test=select-state-triage]').click();
    await editor.locator('[data-test=new-transition-key]').fill('triaged');
    await editor.locator('[data-test=add-transition]').click();
    // Renamed once made: the key is the transition's name in the API and the history.
    await inputOf(transition, 'transition-key').fill('triage_done');
    await inputOf(transition, 'transition-key').press('Enter');
    await eventually(() => picture.locator('[data-test=select-transition-triage_done]').count()).toBe(1);
    expect(await picture.locator('[data-test=select-transition-triaged]').count()).toBe(0);
    await inputOf(transition, 'transition-label-en').fill('Triage done');
    await inputOf(transition, 'transition-label-zh').fill('分诊完成');
    await choose(page, transition.locator('[data-test=transition-to]'), 'Being handled (acknowledged)');
    await choose(page, transition.locator('[data-test=transition-roles]'), '(call_centre_agent)', '(supervisor)');
    await choose(page, transition.locator('[data-test=transition-required]'), '(severity)');
    await eventually(() => page.locator('[data-test=no-problems]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-test=problem]').count()).toBe(0);
    expect(await picture.locator('[data-test=state-triage]').innerText()).toContain('Triage done → Being handled');
    expect(await picture.locator('[data-test^=state-]').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-test')))).toEqual(['state-new', 'state-triage', 'state-acknowledged', 'state-waiting_customer', 'state-resolved', 'state-closed']);
    await page.locator('[data-test=save-draft]').click();
    await eventually(() => page.locator('[data-test=draft-state]').innerText()).toBe('edited in the draft');
    await screenshot(page, 'workflow-designer-editor');

    // What the draft holds is what the screen built.
    const draft = (await adminCall(HQ, 'query { draftDocument(section: "workflows", key: "complaint_handling") { document } }')).data.draftDocument.document;
    expect(draft.states.find((s: any) => s.key === 'triage')).toEqual({ key: 'triage', label: { en: 'Triage', 'zh-CN': '分诊' }, timeLimit: { businessHours: 4, warnAt: 0.5, escalate: [{ to: 'assigneeSupervisor' }] } });
    expect(draft.transitions.find((t: any) => t.key === 'acknowledge').to).toBe('triage');
    expect(draft.transitions.find((t: any) => t.key === 'triage_done')).toEqual({ key: 'triage_done', label: { en: 'Triage done', 'zh-CN': '分诊完成' }, from: 'triage', to: 'acknowledged', allow: { scope: 'subtree', roles: ['call_centre_agent', 'supervisor'] }, required: ['severity'] });

    // The same screen in Chinese.
    await language(page, '中文');
    await eventually(() => page.locator('[data-test=design-nav-design-workflows]').innerText()).toBe('流程');
    await eventually(() => picture.locator('[data-test=state-triage]').innerText()).toContain('分诊完成 → 处理中');
    expect(await picture.locator('[data-test=state-triage]').innerText()).toContain('4 工作小时');
    await picture.locator('[data-test=select-state-triage]').click();
    await screenshot(page, 'workflow-designer-editor-zh');
    await language(page, 'English');

    // The plan says what changes in the workflow and that records in flight keep their version; published with no restart.
    await page.locator('[data-test=design-nav-design-publish]').click();
    await page.locator('[data-test=make-plan]').click();
    const planned = page.locator('[data-test=plan-workflow-complaint_handling]');
    await eventually(() => planned.innerText()).toContain('states: +triage');
    expect(await planned.innerText()).toContain('transitions: +triage_done ~acknowledge');
    expect(await planned.locator('[data-test=plan-in-flight]').innerText()).toBe('Complaint or fault records in flight keep the version they started on and finish on its steps; records created after publishing follow this one.');
    const confirmations = page.locator('[data-test=confirmations] .el-checkbox');
    for (let i = 0; i < (await confirmations.count()); i++) await confirmations.nth(i).click();
    await screenshot(page, 'workflow-designer-plan');
    await page.getByLabel('Comment', { exact: true }).fill('Complaints are triaged before they are handled');
    await page.locator('[data-test=publish]').click();
    await eventually(() => page.locator('[data-test=publish-result]').innerText()).toMatch(/Published version \d+/);
    await page.context().close();

    // Created after the publish: the new steps. The one created before keeps its version.
    const fresh = await createComplaint('No dial tone on the landline');
    const after = await statusOf(fresh.id);
    expect(after.definitionVersion).toBeGreaterThan(before.definitionVersion);
    expect((await statusOf(open.id)).definitionVersion).toBe(before.definitionVersion);

    const agent = await signIn(AGENT, `/records/Complaint/${open.id}`);
    await agent.locator('[data-test=workflow-panel]').waitFor({ timeout: 40_000 });
    await agent.locator('[data-test=transition-acknowledge]').click();
    await agent.locator('.el-dialog:visible [data-test=transition-confirm]').click();
    await eventually(() => agent.locator('[data-test=workflow-state]').innerText()).toBe('Being handled');
    expect(await agent.locator('[data-test=workflow-actions] button').allInnerTexts()).toEqual(['Wait for the customer', 'Resolve']);
    await screenshot(agent, 'workflow-designer-open-complaint');

    await agent.goto(`${platform.url}/records/Complaint/${fresh.id}`);
    await agent.locator('[data-test=workflow-panel]').waitFor({ timeout: 40_000 });
    await eventually(() => agent.locator('[data-test=workflow-state]').innerText()).toBe('New');
    await agent.locator('[data-test=transition-acknowledge]').click();
    await agent.locator('.el-dialog:visible [data-test=transition-confirm]').click();
    await eventually(() => agent.locator('[data-test=workflow-state]').innerText()).toBe('Triage');
    expect(await agent.locator('[data-test=workflow-actions] button').allInnerTexts()).toEqual(['Triage done']);
    await screenshot(agent, 'workflow-designer-new-complaint-triage');
    // triage_done requires the severity: the dialog asks for it.
    await agent.locator('[data-test=transition-triage_done]').click();
    const dialog = agent.locator('.el-dialog:visible');
    await dialog.locator('[data-test=field-severity] .el-select__wrapper').click();
    await agent.locator('.el-select-dropdown__item:visible', { hasText: 'Urgent' }).click();
    await screenshot(agent, 'workflow-designer-triage-dialog');
    await dialog.locator('[data-test=transition-confirm]').click();
    await eventually(() => agent.locator('[data-test=workflow-state]').innerText()).toBe('Being handled');
    expect(await statusOf(fresh.id)).toMatchObject({ state: 'acknowledged' });
    expect((await api(AGENT, `query($id: ID!) { complaint(id: $id) { severity } }`, { id: fresh.id })).complaint.severity).toBe('urgent');
    expect((await statusOf(open.id)).state).toBe('acknowledged');
    await screenshot(agent, 'workflow-designer-new-complaint-handled');
    await agent.context().close();
    expect(scriptErrors).toEqual([]);
  }, 300_000);

  it('gives a regional admin no workflow editor, and the server refuses their save of a workflow', async () => {
    const page = await signIn(CHENGDU, '/design/workflows/complaint_handling', '/design/layers');
    await eventually(() => page.locator('[data-test=editing-layer]').innerText()).toContain('(sc_cd)');
    expect(await page.locator('[data-test=design-nav-design-workflows]').count()).toBe(0);
    const live = (await adminCall(HQ, 'query { draftDocument(section: "workflows", key: "complaint_handling") { document version } }')).data.draftDocument;
    const forced = { ...live.document, states: [...live.document.states, { key: 'skip', final: true }] };
    const refused = await adminCall(CHENGDU, 'mutation($d: JSON!, $v: Int!) { saveDocument(section: "workflows", key: "complaint_handling", document: $d, version: $v) { document { path } } }', { d: forced, v: live.version });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = (await adminCall(HQ, 'query { draftDocument(section: "workflows", key: "complaint_handling") { document } }')).data.draftDocument.document;
    expect(after.states.map((s: { key: string }) => s.key)).not.toContain('skip');
    await page.context().close();
    expect(scriptErrors).toEqual([]);
  });
});
