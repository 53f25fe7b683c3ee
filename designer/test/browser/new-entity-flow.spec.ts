import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { startExamplePlatform, type RunningPlatform } from './platform-process.js';
import { launchChromium, screenshot } from './browser.js';
import { roleMessages } from '../../src/design/roles/role-messages.js';

// The telecom example's users (examples/telecom-crm/org/org.yaml).
const HQ = { login: 'hq.admin', password: 'Lattice-hq-2026' };
const OPERATOR = { login: 'wh.counter', password: 'Lattice-wh-2026' };

let platform: RunningPlatform;
let browser: Browser;
const scriptErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 40_000 });

async function call(user: { login: string; password: string }, endpoint: '/graphql' | '/admin/graphql', query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[] }> {
  const signIn = await fetch(`${platform.url}/auth/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($l: String!, $p: String!) { signIn(login: $l, password: $p) { accessToken } }', variables: { l: user.login, p: user.password } }) });
  const token = ((await signIn.json()) as any).data.signIn.accessToken as string;
  const answer = await fetch(`${platform.url}${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return (await answer.json()) as { data?: any; errors?: any[] };
}

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text())) scriptErrors.push(message.text());
  });
  return page;
}

/** Signs in on the sign-in page, then switches the language (remembered for the user) when the run is in Chinese. */
async function signIn(page: Page, user: { login: string; password: string }, path: string, language: 'en' | 'zh-CN') {
  await page.goto(`${platform.url}${path}`);
  await page.getByLabel(/Login|登录名/).fill(user.login);
  await page.getByLabel(/^(Password|密码)$/).fill(user.password);
  await page.getByLabel(/^(Password|密码)$/).press('Enter');
  await page.waitForURL(`**${path}**`);
  await page.locator('[data-test=editing-layer], [data-test=viewer-name]').first().waitFor();
  if (language === 'zh-CN') {
    await page.getByRole('combobox', { name: /Language|语言/ }).click({ force: true });
    await page.getByRole('option', { name: '中文' }).click();
  }
}

async function choose(page: Page, select: Locator, option: string | RegExp) {
  await select.click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option }).first().click();
  await eventually(() => page.locator('.el-select-dropdown:visible').count()).toBe(0);
}

async function saveDraft(page: Page, state: string) {
  await page.locator('[data-test=save-draft]').click();
  await eventually(() => page.locator('[data-test=draft-state]').first().innerText()).toBe(state);
}

/**
 * Saves the record page and waits for the outcome: a new record opens at its
 * own address, an edit says it is saved; the server's refusal, if any, is the
 * failure's message.
 */
async function savedOn(page: Page, created?: string) {
  await page.locator('[data-test=save]').click();
  const done = created ? page.waitForURL(new RegExp(`/records/${created}/[0-9a-f-]{36}$`)) : page.locator('[data-test=saved]').waitFor();
  const refused = page.locator('[data-test=save-error], .record [role=alert]').first().waitFor();
  await Promise.race([done, refused]);
  expect(await page.locator('[data-test=save-error], .record [role=alert]').allInnerTexts()).toEqual([]);
}

beforeAll(async () => {
  platform = await startExamplePlatform(50);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** What one run designs: an entity new to the example, in the run's language. */
interface Run {
  language: 'en' | 'zh-CN';
  key: string;
  name: string;
  labels: { en: string; 'zh-CN': string };
  field: { key: string; name: string; en: string; zh: string };
  record: { name: string; first: string; edited: string };
  draftEdited: string;
  suffix: string;
}

const RUNS: Run[] = [
  { language: 'en', key: 'device_loan', name: 'DeviceLoan', labels: { en: 'Loaner phone', 'zh-CN': '备用机借用' }, field: { key: 'handset_model', name: 'handsetModel', en: 'Handset model', zh: '机型' }, record: { name: 'Loan for Zhou Min', first: 'Huawei nova 12', edited: 'Huawei Mate 60' }, draftEdited: 'edited in the draft', suffix: 'en' },
  { language: 'zh-CN', key: 'hall_booking', name: 'HallBooking', labels: { en: 'Hall appointment', 'zh-CN': '营业厅预约' }, field: { key: 'booked_service', name: 'bookedService', en: 'Service booked', zh: '预约业务' }, record: { name: '王芳的预约', first: '携号转网', edited: '宽带新装' }, draftEdited: '草稿中已修改', suffix: 'zh' },
];

/**
 * The done-when, in a real browser on the platform `npm start` runs:
 * the HQ admin designs a new entity with a form and a list view, publishes
 * it, grants it to the counter operator role on the roles screen, and a
 * Wuhou counter operator creates, lists and edits its records — once in
 * English and once in Chinese.
 */
describe('a new entity from the designer to the hall, in Chromium', () => {
  for (const run of RUNS) {
    it(`is designed, published, granted and worked with by a hall operator (${run.language})`, async () => {
      const words = roleMessages[run.language];
      const label = run.labels[run.language];
      const fieldLabel = run.language === 'en' ? run.field.en : run.field.zh;
      const page = await newPage();
      await signIn(page, HQ, '/design/entities', run.language);

      // The entity: a key, labels in both languages, one field beside the name it starts with.
      await page.locator('[data-test=new-entity-key]').fill(run.key);
      await page.locator('[data-test=new-entity]').click();
      const labels = page.locator('.labels input');
      await labels.nth(0).fill(run.labels.en);
      await labels.nth(1).fill(run.labels['zh-CN']);
      await page.locator('[data-test=add-field]').click();
      await page.locator('[data-test=field-key]').fill(run.field.key);
      await page.locator('[data-test=field-label-en]').fill(run.field.en);
      await page.locator('[data-test=field-label-zh]').fill(run.field.zh);
      await page.locator('[data-test=field-done]').click();
      await eventually(() => page.locator('[data-test=fields]').innerText()).toContain(fieldLabel);
      await eventually(() => page.locator('[data-test=problem]').allInnerTexts()).toEqual([]);
      await saveDraft(page, run.draftEdited);
      await screenshot(page, `new-entity-${run.suffix}`);

      // Its form: a new default form, both fields placed from the palette (a double click places one, as Enter does).
      await page.locator('[data-test=design-nav-design-forms]').click();
      await choose(page, page.locator('[data-test=new-form-entity]'), `(${run.key})`);
      await page.locator('[data-test=new-form]').click();
      for (const name of ['name', run.field.name]) {
        await page.locator(`[data-test=palette-${name}]`).dblclick();
        await eventually(() => page.locator(`[data-test=placed-${name}]`).count()).toBe(1);
      }
      await eventually(() => page.locator('[data-test=problem]').allInnerTexts()).toEqual([]);
      await screenshot(page, `new-entity-form-${run.suffix}`);
      await saveDraft(page, run.draftEdited);

      // Its list view.
      await page.locator('[data-test=design-nav-design-views]').click();
      await page.locator('[data-test=new-view-key]').fill(`${run.key}_list`);
      await page.locator('[data-test=new-view]').click();
      await choose(page, page.locator('[data-test=view-entity]'), label);
      await eventually(() => page.locator('[data-test=view-columns]').innerText()).toContain(fieldLabel);
      await eventually(() => page.locator('[data-test=problem]').allInnerTexts()).toEqual([]);
      await saveDraft(page, run.draftEdited);

      // Publish: the plan, its confirmations, the new version.
      await page.locator('[data-test=design-nav-design-publish]').click();
      await page.locator('[data-test=make-plan]').click();
      await page.locator('[data-test=publish]').waitFor();
      const confirmations = page.locator('[data-test=confirmations] .el-checkbox');
      for (let i = 0; i < (await confirmations.count()); i++) await confirmations.nth(i).click();
      await page.locator('[data-test=publish-comment]').fill(`${run.labels.en} for the halls`);
      await page.locator('[data-test=publish]').click();
      await page.locator('[data-test=publish-result]').waitFor({ timeout: 60_000 });

      // Published but not granted: the operator's API has the entity, their role reads none of it.
      const hidden = await call(OPERATOR, '/graphql', `{ ${run.name[0]!.toLowerCase()}${run.name.slice(1)}s(first: 5) { totalCount } }`);
      expect(hidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      // The roles screen: the counter operator gets the entity in their unit, every field writable.
      await page.locator('[data-test=design-nav-design-roles]').click();
      await page.locator('[data-test=role-counter_operator]').click();
      await choose(page, page.locator('[data-test=role-entity]'), `(${run.key})`);
      await eventually(() => page.locator('[data-test=role-no-grant]').count()).toBe(1);
      for (const op of ['read', 'create', 'update']) await choose(page, page.locator(`[data-test=scope-${op}]`), words.scopes.unit);
      await page.locator('[data-test="field-*"] [data-test=access-write]').click();
      await page.locator('[data-test=role-save]').click();
      await eventually(() => page.locator('.el-message--success').count()).toBeGreaterThan(0);
      await screenshot(page, `roles-${run.suffix}`);
      const granted = await call(HQ, '/admin/graphql', '{ roles { key permissions updatedBy } }');
      const counterRole = granted.data.roles.find((r: any) => r.key === 'counter_operator');
      expect(counterRole.permissions.entities[run.key]).toEqual({ read: 'unit', create: 'unit', update: 'unit', delete: 'none', fields: { '*': 'write' } });
      expect(counterRole.updatedBy).toBe('hq.admin');

      if (run.language === 'en') {
        // The supervisor's role reads the access log, which the HQ business admin does not hold: the server refuses, and the screen says why.
        await page.locator('[data-test=role-supervisor]').click();
        await choose(page, page.locator('[data-test=role-entity]'), `(${run.key})`);
        await page.locator('[data-test=role-save]').click();
        await eventually(() => page.locator('[data-test=role-error]').innerText()).toContain('holds rights you lack (the capability "access-log.read"');
        await screenshot(page, 'roles-refused');
        const supervisor = (await call(HQ, '/admin/graphql', '{ roles { key permissions } }')).data.roles.find((r: any) => r.key === 'supervisor');
        expect(supervisor.permissions.entities[run.key]).toBeUndefined();
      }

      // The hall: the Wuhou counter operator finds the entity in the navigation, creates a record, lists it through the view, edits it.
      const hall = await newPage();
      await signIn(hall, OPERATOR, '/', run.language);
      await hall.locator(`[data-test=nav-${run.name}]`).click();
      await eventually(() => hall.locator('[data-test=list] h1, [data-test=list] h2').first().innerText()).toContain(label);
      await hall.locator('[data-test=new-record]').click();
      await hall.locator('[data-test=record-page]').waitFor();
      await hall.locator('[data-test=field-name] input').fill(run.record.name);
      await hall.locator(`[data-test=field-${run.field.name}] input`).fill(run.record.first);
      await savedOn(hall, run.name);
      await eventually(() => hall.locator('[data-test=record-title]').innerText()).toBe(run.record.name);

      await hall.locator('[data-test=back]').click();
      await choose(hall, hall.locator('[data-test=view-choice]'), `${run.key}_list`);
      await eventually(() => hall.locator('[data-test=rows]').innerText()).toContain(run.record.first);
      expect(await hall.locator('[data-test=rows] th').allInnerTexts()).toEqual(expect.arrayContaining([fieldLabel]));
      await screenshot(hall, `new-entity-list-${run.suffix}`);
      await hall.locator('[data-test=open-record]', { hasText: run.record.name }).click();
      await hall.locator(`[data-test=field-${run.field.name}] input`).fill(run.record.edited);
      await savedOn(hall);
      await screenshot(hall, `new-entity-record-${run.suffix}`);

      // The record is the operator's, in their hall, with the edited value.
      const plural = `${run.name[0]!.toLowerCase()}${run.name.slice(1)}s`;
      const stored = await call(OPERATOR, '/graphql', `{ ${plural}(first: 5) { totalCount nodes { name ${run.field.name} } } }`);
      expect(stored.errors).toBeUndefined();
      expect(stored.data[plural]).toEqual({ totalCount: 1, nodes: [{ name: run.record.name, [run.field.name]: run.record.edited }] });
      expect(scriptErrors).toEqual([]);
      await page.context().close();
      await hall.context().close();
    }, 300_000);
  }
});
