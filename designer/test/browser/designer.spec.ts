import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { startExamplePlatform, type RunningPlatform } from './platform-process.js';
import { launchChromium, screenshot } from './browser.js';

// The telecom example's users (examples/telecom-crm/org/org.yaml).
const HQ = { login: 'hq.admin', password: 'Lattice-hq-2026' };
const CHENGDU = { login: 'cd.admin', password: 'Lattice-cd-2026' };
const OPERATOR = { login: 'wh.counter', password: 'Lattice-wh-2026' };

let platform: RunningPlatform;
let browser: Browser;
const scriptErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 40_000 });

async function tokenOf(user: { login: string; password: string }): Promise<string> {
  const answer = await fetch(`${platform.url}/auth/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($l: String!, $p: String!) { signIn(login: $l, password: $p) { accessToken } }', variables: { l: user.login, p: user.password } }) });
  return ((await answer.json()) as any).data.signIn.accessToken as string;
}

/** What an API answers a user, errors included: the ground truth the screens must agree with. */
async function call(user: { login: string; password: string }, endpoint: '/graphql' | '/admin/graphql', query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[] }> {
  const answer = await fetch(`${platform.url}${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(user)}` }, body: JSON.stringify({ query, variables }) });
  return (await answer.json()) as { data?: any; errors?: any[] };
}

async function newPage(locale: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale })).newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text())) scriptErrors.push(message.text());
  });
  return page;
}

async function signIn(page: Page, user: { login: string; password: string }, path: string) {
  await page.goto(`${platform.url}${path}`);
  await page.locator('input[autocomplete=username], input').first().waitFor();
  await page.getByLabel(/Login|登录名/).fill(user.login);
  await page.getByLabel(/^(Password|密码)$/).fill(user.password);
  await page.getByLabel(/^(Password|密码)$/).press('Enter');
  await page.waitForURL(`**${path}**`);
}

/** Picks an option of an Element Plus select by its text. */
async function choose(page: Page, select: Locator, option: string | RegExp) {
  await select.click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click();
  // The list closes with an animation: the next choice must not find this one's options.
  await eventually(() => page.locator('.el-select-dropdown:visible').count()).toBe(0);
}

beforeAll(async () => {
  platform = await startExamplePlatform(200);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('the designer, in Chromium, on the real platform with the telecom example', () => {
  it('lets the HQ admin add a field to Customer, place it on the form with a visibility condition, and publish it', async () => {
    const page = await newPage('en-US');
    await signIn(page, HQ, '/design/entities/customer');
    await eventually(() => page.locator('[data-test=editing-layer]').innerText()).toContain('Group (base metadata)');

    // The entity: a new text field, labelled in both languages, checked by the runtime as it is entered.
    await page.locator('[data-test=add-field]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Key', { exact: true }).fill('vip_note');
    expect(await dialog.getByLabel('API name', { exact: true }).inputValue()).toBe('vipNote');
    await dialog.getByLabel('Label (English)', { exact: true }).fill('VIP note');
    await dialog.getByLabel('Label (Chinese)', { exact: true }).fill('贵宾备注');
    await dialog.getByLabel('maxLength', { exact: true }).fill('200');
    await screenshot(page, 'designer-field-dialog');
    await dialog.locator('[data-test=field-done]').click();
    await eventually(() => page.locator('[data-test=fields]').innerText()).toContain('VIP note');
    await eventually(() => page.locator('[data-test=no-problems]').count()).toBe(1);

    // A bad key is the runtime's problem, shown at its path before anything is sent.
    await page.locator('[data-test=add-field]').click();
    await dialog.getByLabel('Key', { exact: true }).fill('Bad Key');
    await dialog.locator('[data-test=field-done]').click();
    await eventually(() => page.locator('[data-test=problem]').first().innerText()).toContain('entities[customer].fields');
    await screenshot(page, 'designer-entity-problem');
    await page.locator('[data-test=fields] tr', { hasText: 'Bad Key' }).getByRole('button', { name: 'Remove field' }).click();
    await eventually(() => page.locator('[data-test=no-problems]').count()).toBe(1);

    await page.locator('[data-test=save-draft]').click();
    await eventually(() => page.locator('[data-test=draft-state]').innerText()).toBe('edited in the draft');
    await screenshot(page, 'designer-entity');

    // The form: drag the field into the customer section, visible only for enterprises.
    await page.locator('[data-test=design-nav-design-forms]').click();
    await page.waitForURL('**/design/forms/customer_main');
    const chip = page.locator('[data-test=palette-vipNote]');
    const drop = page.locator('[data-test=drop-identity]');
    await chip.scrollIntoViewIfNeeded();
    const from = (await chip.boundingBox())!;
    const to = (await drop.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 5, { steps: 5 });
    await page.mouse.move(to.x + to.width - 30, to.y + to.height - 8, { steps: 20 });
    await page.mouse.up();
    await eventually(() => drop.locator('[data-test=placed-vipNote]').count()).toBe(1);
    expect(await page.locator('[data-test=palette-vipNote]').count()).toBe(0);

    await drop.locator('[data-test=placed-vipNote]').click();
    const inspector = page.locator('[data-test=inspector]');
    await inspector.locator('[data-test=logic-visible-when]').click();
    const row = inspector.locator('[data-test=logic-visible] [data-test=condition-row]').first();
    await choose(page, row.locator('[data-test=condition-fact]'), /^Customer type$/);
    await choose(page, row.locator('[data-test=condition-operator]'), /^equal$/);
    await choose(page, row.locator('[data-test=condition-value]'), /^enterprise$/);
    await eventually(() => page.locator('[data-test=no-problems]').count()).toBe(1);

    // The live preview runs the runtime's form logic: the field shows for an enterprise only.
    const preview = page.locator('[data-test=form-preview]');
    await choose(page, preview.locator('[data-test=preview-field-customerType] .el-select'), 'Individual');
    await eventually(() => preview.locator('[data-test=preview-field-vipNote]').count()).toBe(0);
    await choose(page, preview.locator('[data-test=preview-field-customerType] .el-select'), 'Enterprise');
    await eventually(() => preview.locator('[data-test=preview-field-vipNote]').count()).toBe(1);
    await screenshot(page, 'designer-form');
    await page.locator('[data-test=save-draft]').click();
    await eventually(() => page.locator('[data-test=draft-state]').innerText()).toBe('edited in the draft');

    // What the draft holds is what the screen built.
    const draftForm = await call(HQ, '/admin/graphql', 'query { draftDocument(section: "forms", key: "customer_main") { document } }');
    const identity = draftForm.data.draftDocument.document.tabs[0].sections.find((s: any) => s.key === 'identity');
    expect(identity.fields.find((f: any) => f.field === 'vipNote')).toEqual({ field: 'vipNote', visible: { all: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }] } });

    // Publish: the plan as a diff, its confirmations, then the new version.
    await page.locator('[data-test=design-nav-design-publish]').click();
    await page.locator('[data-test=make-plan]').click();
    await eventually(() => page.locator('[data-test=plan-changes]').innerText()).toContain('field.added');
    expect(await page.locator('[data-test=plan-ddl]').innerText()).toMatch(/ALTER TABLE .*vip_note/i);
    expect(await page.locator('[data-test=plan-forms]').innerText()).toContain('forms[customer_main]');
    const confirmations = page.locator('[data-test=confirmations] .el-checkbox');
    for (let i = 0; i < (await confirmations.count()); i++) await confirmations.nth(i).click();
    await screenshot(page, 'designer-plan');
    await page.getByLabel('Comment', { exact: true }).fill('VIP note for enterprise customers');
    await page.locator('[data-test=publish]').click();
    await eventually(() => page.locator('[data-test=publish-result]').innerText()).toMatch(/Published version \d+/);
    await eventually(() => page.locator('[data-test=versions]').innerText()).toContain('VIP note for enterprise customers');

    // Two versions compared: the newer one has the field and the form's new line.
    await choose(page, page.locator('[data-test=compare-left]'), 'v1');
    await choose(page, page.locator('[data-test=compare-right]'), 'v2');
    await page.locator('[data-test=compare]').click();
    await eventually(() => page.locator('[data-test=differences]').innerText()).toContain('entities[customer]');
    expect(await page.locator('[data-test=differences]').innerText()).toContain('vip_note');
    await screenshot(page, 'designer-versions');

    // The served API has the field: HQ writes and reads it, and the operator's API (one for every unit) types it.
    const created = await call(HQ, '/graphql', 'query { customers(first: 1, filter: { customerType: { eq: "enterprise" } }) { nodes { id version vipNote } } }');
    expect(created.errors).toBeUndefined();
    const { id, version, vipNote } = created.data.customers.nodes[0];
    expect(vipNote).toBeNull();
    const updated = await call(HQ, '/graphql', 'mutation($id: ID!, $v: Int!) { updateCustomer(id: $id, version: $v, input: { vipNote: "Key account: call before visiting" }) { vipNote } }', { id, v: version });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateCustomer.vipNote).toBe('Key account: call before visiting');
    const operatorType = await call(OPERATOR, '/graphql', 'query { __type(name: "Customer") { fields { name } } }');
    expect(operatorType.data.__type.fields.map((f: any) => f.name)).toContain('vipNote');
    expect(scriptErrors).toEqual([]);
  }, 240_000);

  it('shows a Chengdu regional admin only their layer, what comes from above, and keeps locked items locked (the server refuses too)', async () => {
    const page = await newPage('en-US');
    await signIn(page, CHENGDU, '/design');
    await page.waitForURL('**/design/**');
    await eventually(() => page.locator('[data-test=editing-layer]').innerText()).toContain('(sc_cd)');
    // No base documents for a regional admin: entities, forms and views are HQ's.
    expect(await page.locator('[data-test=design-nav-design-entities]').count()).toBe(0);
    await page.locator('[data-test=design-nav-design-layers]').click();
    await eventually(() => page.locator('[data-test=layer-name]').innerText()).toContain('sc_cd');

    // Sichuan relabelled the credit level and locked its label: shown with where it comes from, and not editable here.
    const locked = page.locator('[data-test="cell-credit_level-label.zh-CN"]');
    await eventually(() => locked.innerText()).toContain('Locked by sc');
    expect(await locked.locator('input').isDisabled()).toBe(true);
    expect(await locked.locator('input').getAttribute('placeholder')).toBe('信用星级');
    const free = page.locator('[data-test="cell-cust_name-label.zh-CN"]');
    expect(await free.locator('input').isDisabled()).toBe(false);
    expect(await free.innerText()).toContain('from core');
    await screenshot(page, 'designer-layer-locked');

    // An unlocked label is Chengdu's to set.
    await free.locator('input').fill('客户姓名');
    await page.locator('[data-test=save-layer]').click();
    await eventually(async () => ((await call(CHENGDU, '/admin/graphql', 'query { layer(key: "sc_cd") }')).data.layer.entities ?? []).find((e: any) => e.key === 'customer')?.fields?.find((f: any) => f.key === 'cust_name')?.set?.['label.zh-CN']?.value).toBe('客户姓名');

    // The lock holds at the server whatever the screen does.
    const layer = (await call(CHENGDU, '/admin/graphql', 'query { layer(key: "sc_cd") }')).data.layer;
    const forced = structuredClone(layer);
    const customer = forced.entities.find((e: any) => e.key === 'customer');
    customer.fields.push({ key: 'credit_level', set: { 'label.zh-CN': { value: '成都信用', base: '信用星级' } } });
    const refused = await call(CHENGDU, '/admin/graphql', 'mutation($l: JSON!) { saveLayer(layer: $l) { baseVersion } }', { l: forced });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A base document is not theirs to change either.
    const base = await call(CHENGDU, '/admin/graphql', 'mutation { saveDocument(section: "views", key: "my_hall_enterprises", document: {}, version: 0) { document { path } } }');
    expect(base.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(scriptErrors).toEqual([]);
  });

  it('round-trips a document through the YAML editor, with the runtime\'s problems at their paths', async () => {
    const page = await newPage('en-US');
    await signIn(page, HQ, '/design/yaml/views/my_hall_enterprises');
    const editor = page.locator('[data-test=yaml-editor] .cm-content');
    await eventually(() => editor.innerText()).toContain('key: my_hall_enterprises');
    const live = (await call(HQ, '/admin/graphql', 'query { draftDocument(section: "views", key: "my_hall_enterprises") { document } }')).data.draftDocument.document;
    expect(parse(await editor.innerText())).toEqual(live);

    // A column that does not exist: the runtime's problem, with its path.
    const edited = (await editor.innerText()).replace('pageSize: 50', 'pageSize: 25');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(edited.replace('valueTier', 'noSuchField'));
    await eventually(() => page.locator('[data-test=problem]').first().innerText()).toContain('views[my_hall_enterprises]');
    await screenshot(page, 'designer-yaml-problem');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(edited);
    await eventually(() => page.locator('[data-test=no-problems]').count()).toBe(1);
    await page.locator('[data-test=yaml-save]').click();
    await eventually(async () => (await call(HQ, '/admin/graphql', 'query { draftDocument(section: "views", key: "my_hall_enterprises") { document } }')).data.draftDocument.document.pageSize).toBe(25);
    const saved = (await call(HQ, '/admin/graphql', 'query { draftDocument(section: "views", key: "my_hall_enterprises") { document } }')).data.draftDocument.document;
    expect(saved).toEqual({ ...live, pageSize: 25 });
    await page.reload();
    await eventually(async () => parse(await editor.innerText())).toEqual(saved);
    await screenshot(page, 'designer-yaml');
    expect(scriptErrors).toEqual([]);
  });

  it('speaks Chinese: the same screens in zh-CN', async () => {
    const page = await newPage('en-US');
    await signIn(page, HQ, '/design/forms/customer_main');
    await page.locator('[data-test=placed-vipNote]').waitFor();
    await page.getByRole('combobox', { name: 'Language' }).click({ force: true });
    await page.getByRole('option', { name: '中文' }).click();
    await eventually(() => page.locator('[data-test=editing-layer]').innerText()).toContain('正在编辑的层');
    expect(await page.locator('[data-test=design-nav-design-forms]').innerText()).toBe('表单');
    await eventually(() => page.locator('[data-test=placed-vipNote]').innerText()).toContain('贵宾备注');
    await page.locator('[data-test=placed-vipNote]').click();
    expect(await page.locator('[data-test=logic-visible]').innerText()).toContain('当…');
    await screenshot(page, 'designer-form-zh');
    await page.locator('[data-test=design-nav-design-publish]').click();
    await page.locator('[data-test=make-plan]').click();
    await eventually(() => page.locator('[data-test=plan]').or(page.locator('[data-test=plan-empty]')).first().innerText()).toBeTruthy();
    await screenshot(page, 'designer-plan-zh');
    expect(scriptErrors).toEqual([]);
  });
});
